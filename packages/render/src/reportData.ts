/**
 * The numbers behind `report.html`, gathered from a dataset manifest and its shards: items, frames and seconds
 * per split, tempi of the sources, per-item pose confidence (where keypoints carry scores), dropped-clip
 * reasons, and per sample item the motion/music curves and beats. Reads only the items it needs from shards.
 */
import { join } from "node:path";
import { parseManifest, type Manifest } from "@choreo/dataset";
import { assertPathSegment } from "@choreo/core";
import { aistppMusicId, aistppTempoBpm } from "@choreo/ingest";
import { beatAlignmentScore, previewMotionBeats, motionSpeed, musicBeats } from "./beatAlignment.js";
import { itemMotion } from "./itemMotion.js";
import { UnsupportedRenderInput } from "./errors.js";
import type { PreviewMotion } from "./schema.js";
import { readShardItem, shardItemIds } from "./shardItem.js";

/** The manifest the report reads: the dataset's own (`@choreo/dataset`'s ManifestSchema). */
export type ReportManifest = Manifest;

/** One split's size. */
export interface SplitSummary {
  readonly name: string;
  readonly items: number;
  readonly frames: number;
  readonly durationSec: number;
}

/** One sample item's curves for the beat-alignment plot. */
export interface SampleItem {
  readonly id: string;
  readonly split: string;
  readonly text: string | null;
  readonly motion: PreviewMotion;
  readonly speed: Float32Array;
  readonly motionBeats: number[];
  readonly onset: Float32Array | undefined;
  readonly musicBeats: number[];
  readonly score: number | undefined;
}

/** Where the shards are: a folder holding the manifest's files, or a path per split. */
export type ShardLocation =
  { readonly shardsDir: string } | { readonly shardPaths: Readonly<Record<string, string>> };

function shardPathOf(manifest: ReportManifest, where: ShardLocation): (split: string) => string {
  return (split) => {
    if ("shardPaths" in where) {
      const path = where.shardPaths[split];
      if (path === undefined)
        throw new UnsupportedRenderInput(`split ${split}`, "no shard given for this split of the manifest");
      return path;
    }
    return join(
      where.shardsDir,
      assertPathSegment(manifest.splits[split]!.file, `shard file of split ${split}`),
    );
  };
}

/** Everything the report shows. */
export interface ReportData {
  readonly manifest: ReportManifest;
  readonly splits: SplitSummary[];
  readonly temposBpm: number[];
  /** Mean keypoint score per item (recipes with scored keypoints), else undefined. */
  readonly confidence: number[] | undefined;
  readonly dropped: { reason: string; count: number }[];
  readonly samples: SampleItem[];
}

const motionNames = ["motion", "dance", "keypoints"];

function splitFrames(split: ReportManifest["splits"][string]): number {
  const names = Object.keys(split.tensors);
  const name =
    motionNames.find((n) => names.includes(n)) ??
    names.find((n) => !n.endsWith(".offsets") && split.tensors[n]!.shape.length >= 2);
  if (name === undefined) return 0;
  const shape = split.tensors[name]!.shape;
  return names.includes(`${name}.offsets`) ? (shape[0] ?? 0) : split.items * (shape[1] ?? 0);
}

function tempoOf(source: Record<string, unknown>): number | undefined {
  for (const key of ["bpm", "tempo", "tempoBpm"]) if (typeof source[key] === "number") return source[key];
  const sequence = source["sequence"] ?? source["music"];
  if (typeof sequence !== "string") return undefined;
  try {
    return aistppTempoBpm(sequence.startsWith("m") ? sequence : aistppMusicId(sequence));
  } catch {
    return undefined;
  }
}

function confidenceOf(
  manifest: ReportManifest,
  shardPath: (split: string) => string,
  maxItems: number,
): number[] | undefined {
  const means: number[] = [];
  for (const [name, split] of Object.entries(manifest.splits)) {
    const kp = split.tensors["keypoints"];
    const channels = kp?.shape.at(-1);
    if (kp === undefined || channels === undefined || channels < 3) continue;
    const step = Math.max(1, Math.ceil(split.items / maxItems));
    for (let i = 0; i < split.items; i += step) {
      const data = readShardItem(shardPath(name), { index: i }).tensors["keypoints"]!.data;
      let sum = 0;
      let n = 0;
      for (let k = channels - 1; k < data.length; k += channels) {
        if (!Number.isFinite(data[k])) continue;
        sum += data[k]!;
        n++;
      }
      if (n > 0) means.push(sum / n);
    }
  }
  return means.length > 0 ? means : undefined;
}

function pickSamples(manifest: ReportManifest, count: number): { split: string; index: number }[] {
  const splits = Object.entries(manifest.splits).filter(([, s]) => s.items > 0);
  const picks: { split: string; index: number }[] = splits.map(([split]) => ({ split, index: 0 }));
  const [largest] = [...splits].sort((a, b) => b[1].items - a[1].items);
  for (let k = 1; largest !== undefined && picks.length < count && k < largest[1].items; k++) {
    const index = Math.floor((k * largest[1].items) / (count - splits.length + 1));
    if (
      index > 0 &&
      index < largest[1].items &&
      !picks.some((p) => p.split === largest[0] && p.index === index)
    )
      picks.push({ split: largest[0], index });
  }
  return picks.slice(0, count);
}

function sampleOf(
  manifest: ReportManifest,
  shardPath: (split: string) => string,
  pick: { split: string; index: number },
): SampleItem | undefined {
  const path = shardPath(pick.split);
  const item = readShardItem(path, { index: pick.index });
  const motion = itemMotion(item, manifest.fps, path)?.motion;
  if (motion === undefined) return undefined;
  const speed = motionSpeed(motion);
  const music = item.tensors["music"];
  const beats =
    music === undefined
      ? undefined
      : musicBeats(music.data, music.shape.at(-1) ?? 0, manifest.columns["music"]);
  const motionBeats = previewMotionBeats(motion);
  return {
    id: item.id,
    split: pick.split,
    text: item.text,
    motion,
    speed,
    motionBeats,
    onset: beats?.onset,
    musicBeats: beats?.beats ?? [],
    score: beats === undefined ? undefined : beatAlignmentScore(beats.beats, motionBeats),
  };
}

/** Options of `collectReportData`. */
export type CollectReportOptions = ShardLocation & {
  readonly sampleItems?: number;
  readonly maxConfidenceItems?: number;
};

/** Gathers the report's numbers (see the module comment). */
export function collectReportData(manifestInput: unknown, options: CollectReportOptions): ReportData {
  const manifest = parseManifest(manifestInput, "manifest.json");
  const shardPath = shardPathOf(manifest, options);
  const splits = Object.entries(manifest.splits).map(([name, s]) => {
    const frames = splitFrames(s);
    return { name, items: s.items, frames, durationSec: frames / manifest.fps };
  });
  const temposBpm = manifest.sources.map(tempoOf).filter((t): t is number => t !== undefined);
  const dropped = Object.entries(manifest.dropped).map(([reason, count]) => ({ reason, count }));
  const samples = pickSamples(manifest, options.sampleItems ?? 4)
    .filter((p) => shardItemIds(shardPath(p.split)).length > p.index)
    .map((p) => sampleOf(manifest, shardPath, p))
    .filter((s): s is SampleItem => s !== undefined);
  return {
    manifest,
    splits,
    temposBpm,
    confidence: confidenceOf(manifest, shardPath, options.maxConfidenceItems ?? 500),
    dropped,
    samples,
  };
}
