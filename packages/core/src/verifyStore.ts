/**
 * `verifyStore`: reads every blob of a store once and checks it against its name (and against the size the
 * action entries record), and checks that every action entry parses and points at whole blobs. Without
 * `repair` it only reports (holding the store shared); with `repair` it holds the store exclusively, moves
 * bad blobs to quarantine/ and drops the entries that point at bad or missing blobs, so the next build
 * reruns exactly those actions. It does not rebuild anything, and leaves refs alone.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Digest } from "./digest.js";
import { asList } from "./internal/asList.js";
import { checkBlobFile, type BlobProblem } from "./internal/blobFile.js";
import type { ActionEntry, Store } from "./store.js";
import { lockStore } from "./storeLock.js";

/** One blob that failed its check. */
export interface BadBlob {
  readonly digest: Digest;
  readonly problem: Exclude<BlobProblem, "missing">;
  /** Where `repair` moved it. */
  readonly quarantined?: string;
}

/** What `verifyStore` found (and, with `repair`, did). */
export interface StoreVerification {
  readonly blobs: number;
  readonly badBlobs: readonly BadBlob[];
  readonly actions: number;
  /** Keys of entries that do not parse or point at a bad or missing blob. */
  readonly brokenActions: readonly string[];
  /** Entries removed by `repair`. */
  readonly droppedActions: number;
  /** Files in quarantine/ afterwards (from this run and earlier builds). */
  readonly quarantined: number;
  readonly repaired: boolean;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readEntry(path: string, key: string): ActionEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, "utf8")) as ActionEntry;
    return entry.key === key && entry.status === "ok" && typeof entry.outputs === "object"
      ? entry
      : undefined;
  } catch {
    return undefined;
  }
}

/** Checks every blob and action entry of `store`; with `repair`, quarantines bad blobs and drops bad entries. */
export function verifyStore(store: Store, options: { repair?: boolean } = {}): StoreVerification {
  const repair = options.repair === true;
  const lock = lockStore(store.root, repair ? "exclusive" : "shared");
  try {
    const acRoot = join(store.root, "ac");
    const entries = new Map<string, { path: string; entry: ActionEntry | undefined }>();
    const sizes = new Map<string, number>();
    for (const shard of list(acRoot)) {
      for (const file of list(join(acRoot, shard))) {
        const key = file.replace(/\.json$/, "");
        const path = join(acRoot, shard, file);
        const entry = readEntry(path, key);
        entries.set(key, { path, entry });
        for (const out of Object.values(entry?.outputs ?? {}))
          for (const a of asList(out)) sizes.set(a.digest, a.size);
      }
    }
    const casRoot = join(store.root, "cas/sha256");
    const present = new Set<string>();
    const badBlobs: BadBlob[] = [];
    let blobs = 0;
    for (const shard of list(casRoot)) {
      for (const hex of list(join(casRoot, shard))) {
        const digest: Digest = `sha256:${hex}`;
        blobs++;
        const problem = checkBlobFile(join(casRoot, shard, hex), digest, sizes.get(digest));
        if (problem === undefined) present.add(digest);
        else if (problem !== "missing") {
          const quarantined = repair ? store.quarantineBlob(digest, problem) : undefined;
          badBlobs.push({ digest, problem, ...(quarantined === undefined ? {} : { quarantined }) });
        }
      }
    }
    const brokenActions: string[] = [];
    for (const [key, { path, entry }] of entries) {
      const whole =
        entry !== undefined &&
        Object.values(entry.outputs).every((out) => asList(out).every((a) => present.has(a.digest)));
      if (whole) continue;
      brokenActions.push(key);
      if (repair) rmSync(path, { force: true });
    }
    return {
      blobs,
      badBlobs,
      actions: entries.size,
      brokenActions,
      droppedActions: repair ? brokenActions.length : 0,
      quarantined: list(join(store.root, "quarantine")).length,
      repaired: repair,
    };
  } finally {
    lock.release();
  }
}
