/**
 * Reads a choreo dataset folder (`manifest.json` + `<split>-NNNNN.safetensors` shards, as `@choreo/dataset`
 * writes them) for training: the manifest's splits, tensor shapes and normalization stats (`stats.json` when
 * the manifest has none), and the dataset digest (sha256 of manifest.json, the digest `build-dataset` prints).
 * Shards are decoded one at a time.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assertPathSegment, decodeSafetensors, digestOf, parseJsonText, type InvalidJsonFile, type Tensor } from "@choreo/core";
import { z } from "zod";
import { DatasetInvalid } from "./errors.js";

const Stats = z.object({
  mean: z.array(z.number()),
  std: z.array(z.number()),
  min: z.array(z.number()),
  max: z.array(z.number()),
});
export type ColumnStats = z.infer<typeof Stats>;

const SplitEntry = z.object({
  file: z.string().optional(),
  files: z.array(z.string()).optional(),
  items: z.number().int().nonnegative(),
  tensors: z.record(z.string(), z.object({ dtype: z.string(), shape: z.array(z.number().int()) })),
});

const Manifest = z.object({
  name: z.string(),
  fps: z.number().positive().optional(),
  splits: z.record(z.string(), SplitEntry),
  normalization: z.record(z.string(), Stats.passthrough()).default({}),
});

/** A dataset folder opened for training. */
export interface Dataset {
  readonly dir: string;
  readonly name: string;
  readonly digest: string;
  readonly fps: number;
  readonly stats: Readonly<Record<string, ColumnStats>>;
  /** Items per split. */
  readonly items: Readonly<Record<string, number>>;
  /** Per-item shape of each tensor (same for every split). */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Shard files of a split, with their item counts. */
  shards(split: string): Array<{ file: string; items: number }>;
  /** Decodes one shard. */
  readShard(file: string): Record<string, Tensor>;
}

/** Opens `dir`; throws DatasetInvalid when the manifest is missing or malformed. */
export function openDataset(dir: string): Dataset {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, "manifest.json"));
  } catch (cause) {
    throw new DatasetInvalid(dir, "manifest.json is missing (build one with `choreo build-dataset`)", {
      cause,
    });
  }
  let manifest: z.infer<typeof Manifest>;
  try {
    manifest = parseJsonText(bytes.toString("utf8"), join(dir, "manifest.json"), Manifest);
  } catch (cause) {
    throw new DatasetInvalid(dir, `manifest.json is not a choreo dataset manifest: ${(cause as InvalidJsonFile).problem}`, { cause });
  }
  const splits = manifest.splits;
  const statsFile = join(dir, "stats.json");
  if (Object.keys(manifest.normalization).length === 0 && existsSync(statsFile)) {
    const parsed = z
      .record(z.string(), Stats.passthrough())
      .safeParse(JSON.parse(readFileSync(statsFile, "utf8")));
    if (!parsed.success)
      throw new DatasetInvalid(dir, "stats.json is not per-tensor column stats", { cause: parsed.error });
    manifest.normalization = parsed.data;
  }
  const first = Object.values(splits)[0];
  if (first === undefined) throw new DatasetInvalid(dir, "the manifest lists no splits");
  const shapes = Object.fromEntries(Object.entries(first.tensors).map(([k, t]) => [k, t.shape.slice(1)]));
  return {
    dir,
    name: manifest.name,
    digest: digestOf(bytes),
    fps: manifest.fps ?? 30,
    stats: manifest.normalization,
    items: Object.fromEntries(Object.entries(splits).map(([k, s]) => [k, s.items])),
    shapes,
    shards(split) {
      const entry = splits[split];
      if (entry === undefined)
        throw new DatasetInvalid(dir, `no split ${split} (have ${Object.keys(splits).join(", ")})`);
      const files = entry.files ?? (entry.file !== undefined ? [entry.file] : []);
      if (files.length === 0) throw new DatasetInvalid(dir, `split ${split} names no shard files`);
      // Shards are filled in order; all but the last hold an equal share.
      const per = Math.ceil(entry.items / files.length);
      // File names come from the manifest: each must stay inside the dataset folder.
      return files.map((file, i) => ({
        file: assertPathSegment(file, `shard file of split ${split} in manifest.json`),
        items: Math.min(per, entry.items - i * per),
      }));
    },
    readShard(file) {
      try {
        return decodeSafetensors(readFileSync(join(dir, file)), file).tensors;
      } catch (cause) {
        throw new DatasetInvalid(dir, `shard ${file} is unreadable`, { cause });
      }
    },
  };
}
