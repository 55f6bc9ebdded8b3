/**
 * Garbage collection of the store: keeps what refs reach (action entries, their output blobs and the source
 * blobs their keys name), newest refs first, while the total stays under a size cap; drops the least recently
 * used refs beyond it, then every unreachable entry and blob, and leftovers in tmp/ and locks/ of dead
 * processes. It holds the store lock exclusively (StoreBusy while a build holds it shared, and no build
 * starts while gc runs), since a build's new blobs are unreachable until its ref is written. quarantine/ is
 * left alone: it is evidence, and `choreo verify` reports it.
 */
import { readdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Digest } from "./digest.js";
import { listRefs } from "./refs.js";
import { asList } from "./internal/asList.js";
import type { Store } from "./store.js";
import { lockStore, sharedHolders } from "./storeLock.js";

export interface GcResult {
  readonly keptRefs: number;
  readonly droppedRefs: number;
  readonly removedBlobs: number;
  readonly removedActions: number;
  readonly freedBytes: number;
  readonly keptBytes: number;
}

function blobsOfAction(store: Store, key: string): Digest[] {
  const entry = store.readAction(key);
  if (entry === undefined) return [];
  const out: Digest[] = [];
  for (const v of Object.values(entry.outputs)) for (const a of asList(v)) out.push(a.digest);
  for (const v of Object.values(entry.preimage.inputs))
    for (const id of asList(v)) out.push(id.split("+")[0] as Digest);
  return out;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Holds the store shared for a build of this process (StoreBusy while gc holds it); returns the release
 * function.
 */
export function markBuilding(store: Store): () => void {
  const lock = lockStore(store.root, "shared");
  return () => lock.release();
}

/** Pids of live builds on this store (other than this process). */
export function activeBuilds(store: Store): number[] {
  return sharedHolders(store.root)
    .map((o) => o.pid)
    .filter((pid) => pid !== process.pid);
}

export interface GcOptions {
  /** Keep at most this many bytes of blobs reachable from the most recently used refs. */
  readonly maxBytes?: number;
  /** Test hook: stays this long holding the lock before collecting (a slow gc, to race builds against). */
  readonly pauseMs?: number;
}

/**
 * Collects garbage, keeping at most `maxBytes` of blobs reachable from the most recently used refs. Takes
 * the store lock exclusively for the whole run; throws StoreBusy while builds hold it.
 */
export function collectGarbage(store: Store, options: GcOptions = {}): GcResult {
  const lock = lockStore(store.root, "exclusive");
  try {
    if (options.pauseMs !== undefined)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, options.pauseMs);
    return collect(store, options);
  } finally {
    lock.release();
  }
}

function collect(store: Store, options: GcOptions): GcResult {
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const keepKeys = new Set<string>();
  const keepBlobs = new Map<string, number>();
  let keptBytes = 0;
  let keptRefs = 0;
  let droppedRefs = 0;
  for (const ref of listRefs(store.root)) {
    const keys = Object.values(ref.record.actions).filter((k) => !keepKeys.has(k));
    const blobs = new Map<string, number>();
    for (const key of keys) {
      for (const d of blobsOfAction(store, key)) {
        if (!keepBlobs.has(d) && !blobs.has(d)) blobs.set(d, sizeOf(store.blobPath(d)));
      }
    }
    const added = [...blobs.values()].reduce((a, b) => a + b, 0);
    if (keptRefs > 0 && keptBytes + added > maxBytes) {
      rmSync(ref.path, { force: true });
      droppedRefs++;
      continue;
    }
    keptRefs++;
    keptBytes += added;
    for (const k of keys) keepKeys.add(k);
    for (const [d, n] of blobs) keepBlobs.set(d, n);
  }
  let removedActions = 0;
  let removedBlobs = 0;
  let freedBytes = 0;
  const acRoot = join(store.root, "ac");
  for (const shard of readdirSync(acRoot)) {
    for (const file of readdirSync(join(acRoot, shard))) {
      if (keepKeys.has(file.replace(/\.json$/, ""))) continue;
      unlinkSync(join(acRoot, shard, file));
      removedActions++;
    }
  }
  const casRoot = join(store.root, "cas/sha256");
  for (const shard of readdirSync(casRoot)) {
    for (const hex of readdirSync(join(casRoot, shard))) {
      if (keepBlobs.has(`sha256:${hex}`)) continue;
      const path = join(casRoot, shard, hex);
      freedBytes += sizeOf(path);
      unlinkSync(path);
      removedBlobs++;
    }
  }
  sweepDead(join(store.root, "tmp"), /^(?:ref-|scratch-)?(\d+)-/);
  sweepDead(join(store.root, "locks"), /^build-(\d+)$/);
  return { keptRefs, droppedRefs, removedBlobs, removedActions, freedBytes, keptBytes };
}

/** Removes tmp files of processes that are gone, and locks older than an hour whose owner is gone. */
function sweepDead(dir: string, pidPattern: RegExp | undefined): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let pid: number | undefined;
    if (pidPattern !== undefined) pid = Number(pidPattern.exec(name)?.[1]);
    if (pid === undefined || Number.isNaN(pid)) {
      if (pidPattern === undefined && Date.now() - statSync(path).mtimeMs > 3_600_000)
        rmSync(path, { force: true });
      continue;
    }
    if (pid !== process.pid && !alive(pid)) rmSync(path, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

const sizeUnits: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Parses a size cap like `500M`, `10G`, `1.5GiB` or `1024` (bytes, binary units); RangeError otherwise. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  if (m === null)
    throw new RangeError(`[core] cannot read size ${JSON.stringify(text)} (use e.g. 500M, 10G)`);
  return Math.floor(Number(m[1]) * sizeUnits[m[2]!.toUpperCase()]!);
}
