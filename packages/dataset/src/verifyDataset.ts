/**
 * `verifyDataset`: checks a dataset folder against its manifest, split by split: the shard file is there, is
 * a regular file, has the recorded size and (streamed) the recorded sha256. Sizes are always checked; digests
 * of every shard by default, or with `full: false` only of shards up to `smallBytes` (for readers that want
 * a cheap check before training). It reports, it does not repair: a bad dataset is rebuilt from the cache.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { assertPathSegment, digestFile, DigestSchema, readJsonFile } from "@choreo/core";

const ManifestShards = z.looseObject({
  splits: z.record(
    z.string(),
    z.looseObject({ file: z.string(), digest: DigestSchema, bytes: z.number().int().nonnegative() }),
  ),
});

/** What is wrong with one shard, when anything is. */
export type ShardProblem = "missing" | "not a regular file" | "size" | "digest";

/** One split's shard as checked. */
export interface ShardCheck {
  readonly split: string;
  readonly file: string;
  readonly digest: string;
  readonly bytes: number;
  /** False when only the size was checked (`full: false` and a large shard). */
  readonly hashed: boolean;
  readonly problem?: ShardProblem;
}

/** The result of `verifyDataset`; `ok` when every shard checked out. */
export interface DatasetVerification {
  readonly dir: string;
  readonly ok: boolean;
  readonly shards: readonly ShardCheck[];
}

/** Checks the shards of the dataset folder `dir` against `dir/manifest.json`. */
export async function verifyDataset(
  dir: string,
  options: { full?: boolean; smallBytes?: number } = {},
): Promise<DatasetVerification> {
  const manifestPath = join(dir, "manifest.json");
  const manifest = readJsonFile(manifestPath, ManifestShards);
  const shards: ShardCheck[] = [];
  for (const [split, s] of Object.entries(manifest.splits)) {
    const file = assertPathSegment(s.file, `shard file of split ${split} in ${manifestPath}`);
    const row = { split, file, digest: s.digest, bytes: s.bytes };
    const hash = options.full !== false || s.bytes <= (options.smallBytes ?? 64 << 20);
    let size: number;
    try {
      const st = statSync(join(dir, file));
      if (!st.isFile()) {
        shards.push({ ...row, hashed: false, problem: "not a regular file" });
        continue;
      }
      size = st.size;
    } catch {
      shards.push({ ...row, hashed: false, problem: "missing" });
      continue;
    }
    if (size !== s.bytes) shards.push({ ...row, hashed: false, problem: "size" });
    else if (!hash) shards.push({ ...row, hashed: false });
    else {
      const { digest } = await digestFile(join(dir, file));
      shards.push(
        digest === s.digest ? { ...row, hashed: true } : { ...row, hashed: true, problem: "digest" },
      );
    }
  }
  return { dir, ok: shards.every((s) => s.problem === undefined), shards };
}
