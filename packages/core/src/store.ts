/**
 * The content-addressed store (DESIGN.md "Stages, keys and the store"):
 *   cas/sha256/ab/<hex>   immutable blobs: written to tmp/, fsynced, renamed into place, made read-only
 *   ac/ab/<key>.json      action results, written (atomically) only after all their blobs are in cas/
 *   refs/<dataset>/<tag>  roots for gc;  locks/  one writer per action key;  stat-cache.json
 * A crash at any point leaves only complete blobs under cas/ (partial files stay in tmp/ and are swept).
 * It does not decide what to run; the build does.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  copyFileSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { type Digest, digestFile, digestHex, digestOf } from "./digest.js";
import { StoreCorrupt } from "./errors.js";
import { createStatCache, type StatCache } from "./statCache.js";
import { tryLock, unlock, waitUnlocked } from "./lockFile.js";
import type { Artifact, Json } from "./schema.js";

/** What an action-cache entry records: the key's preimage, the outputs and how long it took. */
export interface ActionEntry {
  readonly v: 1;
  readonly key: string;
  readonly preimage: ActionPreimage;
  readonly outputs: Readonly<Record<string, Artifact | readonly Artifact[]>>;
  readonly durationMs: number;
  readonly status: "ok";
}

/** The value whose canonical JSON is hashed into an action key. No paths, times, hosts or run ids. */
export interface ActionPreimage {
  readonly v: 1;
  readonly stage: string;
  readonly version: number;
  readonly params: Json;
  readonly item: string;
  readonly inputs: Readonly<Record<string, string | readonly string[]>>;
  readonly tools: Readonly<Record<string, string>>;
}

export interface Store {
  readonly root: string;
  /** Bytes this process has added to cas/ (blobs that were not there before). */
  readonly bytesWritten: number;
  blobPath(digest: Digest): string;
  hasBlob(digest: Digest): boolean;
  putBlob(bytes: Uint8Array): { digest: Digest; size: number };
  /** Copies a file into cas/ (digest from the stat cache when the file is unchanged). */
  importFile(path: string, options?: { remember?: boolean }): Promise<{ digest: Digest; size: number }>;
  /** The digest of a source file without importing it (stat cache first). */
  digestSource(path: string): Promise<{ digest: Digest; size: number }>;
  readBlob(digest: Digest): Buffer;
  /** Re-hashes a blob; false when it is missing or its bytes do not match its name. */
  verifyBlob(digest: Digest): Promise<boolean>;
  readAction(key: string): ActionEntry | undefined;
  writeAction(entry: ActionEntry): void;
  actionPath(key: string): string;
  tryLockAction(key: string): boolean;
  unlockAction(key: string): void;
  waitActionUnlocked(key: string, signal?: AbortSignal): Promise<void>;
  readonly statCache: StatCache;
  /** Writes the stat cache back if it changed. */
  flush(): void;
}

export interface StoreOptions {
  /** fsync blobs before they become visible (default true). */
  readonly durable?: boolean;
}

/** Opens (creating when needed) the store at `root`. */
export function openStore(root: string, options: StoreOptions = {}): Store {
  const durable = options.durable ?? true;
  for (const dir of ["cas/sha256", "ac", "refs", "tmp", "locks"]) mkdirSync(join(root, dir), { recursive: true });
  const madeDirs = new Set<string>();
  const presentBlobs = new Set<string>();
  const statCache = createStatCache(join(root, "stat-cache.json"));
  let bytesWritten = 0;

  const ensureDir = (dir: string): void => {
    if (madeDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  };
  const blobPath = (digest: Digest): string => {
    const hex = digestHex(digest);
    return join(root, "cas/sha256", hex.slice(0, 2), hex);
  };
  const actionPath = (key: string): string => join(root, "ac", key.slice(0, 2), `${key}.json`);
  const tmpPath = (): string => join(root, "tmp", `${process.pid}-${randomBytes(6).toString("hex")}`);
  const lockPath = (key: string): string => join(root, "locks", `${key}.lock`);

  const hasBlob = (digest: Digest): boolean => {
    if (presentBlobs.has(digest)) return true;
    if (!existsSync(blobPath(digest))) return false;
    presentBlobs.add(digest);
    return true;
  };

  const commitTmp = (tmp: string, digest: Digest, size: number): void => {
    const target = blobPath(digest);
    ensureDir(join(target, ".."));
    chmodSync(tmp, 0o444);
    renameSync(tmp, target);
    presentBlobs.add(digest);
    bytesWritten += size;
  };

  return {
    root,
    get bytesWritten() {
      return bytesWritten;
    },
    blobPath,
    hasBlob,
    putBlob(bytes) {
      const digest = digestOf(bytes);
      if (hasBlob(digest)) return { digest, size: bytes.length };
      const tmp = tmpPath();
      const fd = openSync(tmp, "wx", 0o644);
      try {
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
        if (durable) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      commitTmp(tmp, digest, bytes.length);
      return { digest, size: bytes.length };
    },
    async importFile(path, { remember = true } = {}) {
      const known = remember ? statCache.lookup(path) : undefined;
      if (known !== undefined && hasBlob(known.digest)) return known;
      const tmp = tmpPath();
      copyFileSync(path, tmp, constants.COPYFILE_FICLONE);
      const { digest, size } = await digestFile(tmp);
      if (durable) {
        const fd = openSync(tmp, "r");
        fsyncSync(fd);
        closeSync(fd);
      }
      if (hasBlob(digest)) unlinkSync(tmp);
      else commitTmp(tmp, digest, size);
      if (remember) statCache.record(path, { digest, size });
      return { digest, size };
    },
    async digestSource(path) {
      const known = statCache.lookup(path);
      if (known !== undefined) return known;
      const result = await digestFile(path);
      statCache.record(path, result);
      return result;
    },
    readBlob(digest) {
      try {
        return readFileSync(blobPath(digest));
      } catch (cause) {
        throw new StoreCorrupt(blobPath(digest), "blob is missing", { cause });
      }
    },
    async verifyBlob(digest) {
      if (!existsSync(blobPath(digest))) return false;
      return (await digestFile(blobPath(digest))).digest === digest;
    },
    readAction(key) {
      let text: string;
      try {
        text = readFileSync(actionPath(key), "utf8");
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(text) as ActionEntry;
        return entry.key === key && entry.status === "ok" ? entry : undefined;
      } catch {
        return undefined; // a torn or foreign file is a miss; the rerun overwrites it
      }
    },
    writeAction(entry) {
      const target = actionPath(entry.key);
      ensureDir(join(target, ".."));
      const tmp = tmpPath();
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, target);
    },
    actionPath,
    tryLockAction: (key) => tryLock(lockPath(key)),
    unlockAction: (key) => unlock(lockPath(key)),
    waitActionUnlocked: (key, signal) => waitUnlocked(lockPath(key), signal === undefined ? {} : { signal }),
    statCache,
    flush: () => statCache.save(tmpPath()),
  };
}
