/**
 * The stat cache: (path, size, mtime, inode) → digest, so unchanged source files are not rehashed on every
 * build. It is only a cache: a lost or stale file costs a rehash, never a wrong digest, because an entry is
 * used only when size, mtime and inode all still match.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Digest } from "./digest.js";

interface Entry {
  size: number;
  mtimeMs: number;
  ino: number;
  digest: Digest;
}

export interface StatCache {
  lookup(path: string): { digest: Digest; size: number } | undefined;
  record(path: string, value: { digest: Digest; size: number }): void;
  save(tmpPath: string): void;
}

export function createStatCache(file: string): StatCache {
  let entries: Record<string, Entry> | undefined;
  let dirty = false;
  const load = (): Record<string, Entry> => {
    if (entries !== undefined) return entries;
    try {
      entries = JSON.parse(readFileSync(file, "utf8")) as Record<string, Entry>;
    } catch {
      entries = {};
    }
    return entries;
  };
  return {
    lookup(path) {
      const abs = resolve(path);
      const e = load()[abs];
      if (e === undefined) return undefined;
      const st = statSync(abs);
      return st.size === e.size && st.mtimeMs === e.mtimeMs && st.ino === e.ino
        ? { digest: e.digest, size: e.size }
        : undefined;
    },
    record(path, value) {
      const abs = resolve(path);
      const st = statSync(abs);
      // A file modified during hashing keeps a newer mtime than we saw; the next lookup then misses.
      load()[abs] = { size: value.size, mtimeMs: st.mtimeMs, ino: st.ino, digest: value.digest };
      dirty = true;
    },
    save(tmpPath) {
      if (!dirty || entries === undefined) return;
      writeFileSync(tmpPath, JSON.stringify(entries));
      renameSync(tmpPath, file);
      dirty = false;
    },
  };
}
