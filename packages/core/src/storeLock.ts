/**
 * One shared/exclusive lock per store, across processes. Builds hold it shared from start to end (their new
 * blobs are unreachable from refs until the end); gc and `verify --repair` hold it exclusive. Neither waits
 * by default: the loser gets StoreBusy at once, naming the holders; `waitForStoreLock` retries until a
 * timeout for callers that prefer to queue.
 *
 * Files under locks/: `store.exclusive` (one owner, taken with O_EXCL) and one `store.shared.<pid>-<rand>`
 * per shared holder. Each side announces itself first and looks for the other second, so two racing
 * processes cannot both win (both may lose; retrying settles it). Locks of dead processes on this host are
 * removed; a lock from another host is left to its owner. Node has no flock(2), hence files.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { StoreBusy } from "./errors.js";
import { storeWrite } from "./internal/storeWrite.js";
import {
  isStaleLock,
  lockHolder,
  readLockOwner,
  tryLock,
  unlock,
  writeOwnLock,
  type LockOwner,
} from "./lockFile.js";

export type StoreLockMode = "shared" | "exclusive";

/** A held store lock; `release` is idempotent. */
export interface StoreLock {
  readonly mode: StoreLockMode;
  release(): void;
}

const exclusiveName = "store.exclusive";
const sharedPrefix = "store.shared.";

function describeOwner(owner: LockOwner): string {
  return owner.pid > 0
    ? `pid ${owner.pid}${owner.host === "" ? "" : ` on ${owner.host}`}`
    : "a process starting";
}

/** Live shared holders of the store (stale ones of dead processes are removed on the way). */
export function sharedHolders(root: string): LockOwner[] {
  const dir = join(root, "locks");
  const out: LockOwner[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(sharedPrefix)) continue;
    const path = join(dir, name);
    const owner = readLockOwner(path);
    if (owner === undefined) continue;
    // Each shared file has one owner and a unique name, so a dead owner's file can simply go.
    if (isStaleLock(owner)) rmSync(path, { force: true });
    else out.push(owner);
  }
  return out;
}

function lockShared(root: string): StoreLock {
  const path = join(root, "locks", `${sharedPrefix}${process.pid}-${randomBytes(4).toString("hex")}`);
  writeOwnLock(path);
  const gc = lockHolder(join(root, "locks", exclusiveName));
  if (gc !== undefined) {
    rmSync(path, { force: true });
    throw new StoreBusy(root, "shared", `gc or a repair (${describeOwner(gc)}) holds it exclusively`);
  }
  return { mode: "shared", release: () => rmSync(path, { force: true }) };
}

function lockExclusive(root: string): StoreLock {
  const path = join(root, "locks", exclusiveName);
  if (!tryLock(path)) {
    const owner = lockHolder(path);
    throw new StoreBusy(
      root,
      "exclusive",
      `${owner === undefined ? "another process" : describeOwner(owner)} holds it exclusively`,
    );
  }
  const builds = sharedHolders(root);
  if (builds.length > 0) {
    unlock(path);
    throw new StoreBusy(root, "exclusive", `builds hold it (${builds.map(describeOwner).join(", ")})`);
  }
  let held = true;
  return {
    mode: "exclusive",
    release: () => {
      if (held) unlock(path);
      held = false;
    },
  };
}

/** Takes the store lock in `mode` now, or throws StoreBusy. */
export function lockStore(root: string, mode: StoreLockMode): StoreLock {
  return storeWrite(root, () => (mode === "shared" ? lockShared(root) : lockExclusive(root)));
}

/** Takes the store lock, retrying every `pollMs` (default 100) until `timeoutMs`; then the last StoreBusy. */
export async function waitForStoreLock(
  root: string,
  mode: StoreLockMode,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<StoreLock> {
  const started = Date.now();
  for (;;) {
    try {
      return lockStore(root, mode);
    } catch (error) {
      if ((error as { _tag?: string })._tag !== "StoreBusy" || Date.now() - started >= options.timeoutMs)
        throw error;
    }
    options.signal?.throwIfAborted();
    // Jitter, so two processes that backed off from each other do not collide again in lockstep.
    await sleep((options.pollMs ?? 100) * (0.5 + Math.random()));
  }
}
