/**
 * What every reader of a dataset folder calls before it reads a shard (train, render, inspect, sample, eval):
 * the manifest, validated, with each shard checked against it — its size always (cheap), its sha256 too with
 * `verify` or when the shard is small (≤ 64 MiB by default), so a damaged, truncated or half-replaced folder
 * is one `ShardMismatch` naming the shard instead of wrong data. `choreo verify DIR` reports every shard;
 * this stops at the first bad one. It neither repairs nor reads tensors.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { assertPathSegment, digestFileSync } from "@choreo/core";
import { ShardMismatch } from "./errors.js";
import { readManifest, type Manifest } from "./manifest.js";

/** How hard a reader checks shards against the manifest. */
export interface ShardCheckOptions {
  /** Hash every shard (`--verify`); by default only shards up to `smallBytes`. */
  readonly verify?: boolean;
  /** Shards up to this size are always hashed (default 64 MiB). */
  readonly smallBytes?: number;
}

const defaultSmallBytes = 64 << 20;

const short = (digest: string): string => `${digest.slice(7, 19)}…`;

function checkShard(dir: string, entry: Manifest["splits"][string], options: ShardCheckOptions): void {
  const file = join(dir, assertPathSegment(entry.file, `shard file in ${join(dir, "manifest.json")}`));
  const fix = `(a damaged or half-replaced dataset: rebuild it; choreo verify ${dir} checks every shard)`;
  const st = statSync(file, { throwIfNoEntry: false });
  if (st === undefined || !st.isFile())
    throw new ShardMismatch(file, `${st === undefined ? "missing" : "not a regular file"} ${fix}`);
  if (st.size !== entry.bytes)
    throw new ShardMismatch(file, `${st.size} bytes where the manifest says ${entry.bytes} ${fix}`);
  if (options.verify !== true && entry.bytes > (options.smallBytes ?? defaultSmallBytes)) return;
  const { digest } = digestFileSync(file);
  if (digest !== entry.digest)
    throw new ShardMismatch(
      file,
      `sha256 ${short(digest)} is not the manifest's ${short(entry.digest)} ${fix}`,
    );
}

/** Reads `<dir>/manifest.json` (InvalidManifest) and checks every shard it lists (ShardMismatch). */
export function readCheckedManifest(dir: string, options: ShardCheckOptions = {}): Manifest {
  const manifest = readManifest(dir);
  for (const entry of Object.values(manifest.splits)) checkShard(dir, entry, options);
  return manifest;
}

/**
 * Checks one shard file against the manifest beside it, when there is one that lists it (a safetensors file
 * outside a dataset folder, a sample's output say, has nothing to be checked against).
 */
export function checkShardFile(path: string, options: ShardCheckOptions = {}): void {
  const dir = dirname(path);
  if (!existsSync(join(dir, "manifest.json"))) return;
  const entry = Object.values(readManifest(dir).splits).find((s) => s.file === basename(path));
  if (entry !== undefined) checkShard(dir, entry, options);
}
