/**
 * Reads a choreo dataset folder (`manifest.json` + `<split>-NNNNN.safetensors` shards, as `@choreo/dataset`
 * writes them) for training: the manifest's splits, tensor shapes and normalization stats (`stats.json` when
 * the manifest has none), and the dataset digest (sha256 of manifest.json, the digest `build-dataset` prints).
 * Shards are checked against the manifest when the folder is opened (`readCheckedManifest`) and decoded one
 * at a time.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { assertPathSegment, decodeSafetensors, describeCause, digestOf, type Tensor } from "@choreo/core";
import { readCheckedManifest, readManifest, type Manifest } from "@choreo/dataset";
import { z } from "zod";
import { DatasetInvalid } from "./errors.js";

const Stats = z.object({
  mean: z.array(z.number()),
  std: z.array(z.number()),
  min: z.array(z.number()),
  max: z.array(z.number()),
});
export type ColumnStats = z.infer<typeof Stats>;

/** A dataset folder opened for training. */
export interface Dataset {
  readonly dir: string;
  readonly name: string;
  readonly digest: string;
  readonly fps: number;
  readonly stats: Readonly<Record<string, ColumnStats>>;
  /** Names of each tensor's last-axis columns (the manifest's `columns`). */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** Items per split. */
  readonly items: Readonly<Record<string, number>>;
  /** Per-item shape of each tensor (same for every split). */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Shard files of a split, with their item counts. */
  shards(split: string): Array<{ file: string; items: number }>;
  /** Decodes one shard. */
  readShard(file: string): Record<string, Tensor>;
}

/**
 * Opens `dir`; throws DatasetInvalid when the manifest is missing or malformed, ShardMismatch when a shard
 * does not match it (`verify`: hash every shard, not only the small ones).
 */
export function openDataset(dir: string, options: { verify?: boolean } = {}): Dataset {
  // One schema for every reader of a manifest (@choreo/dataset's); its errors name the file and the field.
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (cause) {
    throw new DatasetInvalid(dir, describeCause(cause), { cause });
  }
  readCheckedManifest(dir, options);
  const bytes = readFileSync(join(dir, "manifest.json"));
  const splits = manifest.splits;
  const statsFile = join(dir, "stats.json");
  let normalization: Record<string, ColumnStats> = manifest.normalization;
  if (Object.keys(normalization).length === 0 && existsSync(statsFile)) {
    const parsed = z
      .record(z.string(), Stats.passthrough())
      .safeParse(JSON.parse(readFileSync(statsFile, "utf8")));
    if (!parsed.success)
      throw new DatasetInvalid(dir, "stats.json is not per-tensor column stats", { cause: parsed.error });
    normalization = parsed.data;
  }
  const first = Object.values(splits)[0];
  if (first === undefined) throw new DatasetInvalid(dir, "the manifest lists no splits");
  const shapes = Object.fromEntries(Object.entries(first.tensors).map(([k, t]) => [k, t.shape.slice(1)]));
  return {
    dir,
    name: manifest.name,
    digest: digestOf(bytes),
    fps: manifest.fps,
    stats: normalization,
    columns: manifest.columns,
    items: Object.fromEntries(Object.entries(splits).map(([k, s]) => [k, s.items])),
    shapes,
    shards(split) {
      const entry = splits[split];
      if (entry === undefined)
        throw new DatasetInvalid(dir, `no split ${split} (have ${Object.keys(splits).join(", ")})`);
      // The manifest's file names stay inside the folder (its schema refuses separators); a size that differs
      // from the manifest's is a shard from another build (cheap check; `choreo verify` hashes them).
      const file = assertPathSegment(entry.file, `shard file of split ${split} in manifest.json`);
      const size = statSync(join(dir, file), { throwIfNoEntry: false })?.size;
      if (size !== entry.bytes) {
        throw new DatasetInvalid(
          dir,
          `shard ${file} has ${size ?? "no"} bytes where the manifest says ${entry.bytes} (a half-written or mixed dataset folder)`,
        );
      }
      return [{ file, items: entry.items }];
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
