/**
 * Cross-process lock files: `open(path, "wx")` creates the lock or fails, so exactly one process holds it.
 * The file records pid and host; a lock whose process is gone (same host) is stale and is broken under a
 * second, short-lived breaker lock, so two processes cannot both break it and both win. A lock from another
 * host is never broken by pid; it is left to its owner. Even a lost race only costs duplicate work: blobs
 * are content-addressed and every write is an atomic rename.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { LockTimeout } from "./errors.js";

const host = hostname();

export interface LockOwner {
  pid: number;
  host: string;
}

/** Tries once to take the lock; true when this process now holds it. */
export function tryLock(path: string): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, JSON.stringify({ pid: process.pid, host }));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (!breakIfStale(path)) return false;
  }
  return false;
}

/** Releases a lock this process holds. */
export function unlock(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Waits until the lock is free (released or stale) without taking it. */
export async function waitUnlocked(
  path: string,
  options: { pollMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const pollMs = options.pollMs ?? 20;
  const started = Date.now();
  for (;;) {
    const owner = readOwner(path);
    if (owner === undefined || (isStale(owner) && breakIfStale(path))) return;
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      throw new LockTimeout(path, Date.now() - started);
    }
    options.signal?.throwIfAborted();
    await sleep(pollMs);
  }
}

/**
 * Who holds the lock at `path`: undefined when it is free or its owner is dead (the stale lock is then
 * broken); otherwise the owner (pid -1 while the file is being written).
 */
export function lockHolder(path: string): LockOwner | undefined {
  const owner = readOwner(path);
  if (owner === undefined || (isStale(owner) && breakIfStale(path))) return undefined;
  return owner;
}

/** Writes a lock file that only this process will ever create (a unique name); throws when it exists. */
export function writeOwnLock(path: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host }));
  } finally {
    closeSync(fd);
  }
}

/** True when a lock's owner is a dead process of this host (its lock may be removed). */
export function isStaleLock(owner: LockOwner): boolean {
  return isStale(owner);
}

/** The owner a lock file records; undefined when there is no such file. */
export function readLockOwner(path: string): LockOwner | undefined {
  return readOwner(path);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const text = readFileSync(path, "utf8");
    // A lock being created may still be empty: treat it as held by a live, unknown owner.
    if (text === "") return { pid: -1, host: "" };
    return JSON.parse(text) as LockOwner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return { pid: -1, host: "" };
  }
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== host || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Removes `path` when its owner is dead, under a breaker lock. True when the lock is gone afterwards. */
function breakIfStale(path: string): boolean {
  const owner = readOwner(path);
  if (owner === undefined) return true;
  if (!isStale(owner)) return false;
  const breaker = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const breakerOwner = readOwner(breaker);
    if (breakerOwner !== undefined && isStale(breakerOwner)) unlock(breaker);
    return false;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host }));
    closeSync(fd);
    const again = readOwner(path);
    if (again !== undefined && again.pid === owner.pid && again.host === owner.host) unlock(path);
    return readOwner(path) === undefined;
  } finally {
    unlock(breaker);
  }
}
