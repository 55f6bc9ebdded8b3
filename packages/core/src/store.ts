/**
 * The content-addressed store (DESIGN.md "Stages, keys and the store"):
 *   cas/sha256/ab/<hex>   immutable blobs: written to tmp/, fsynced, renamed into place, made read-only
 *   ac/ab/<key>.json      action results, written (atomically) only after all their blobs are in cas/
 *   refs/<dataset>/<tag>  roots for gc;  locks/  one writer per action key;  stat-cache.json
 *   quarantine/           blobs that failed their digest check, kept for inspection, never read again
 * A crash at any point leaves only complete blobs under cas/ (partial files stay in tmp/ and are swept).
 * Every read of a blob is checked against its digest in the same pass; a bad blob is moved to quarantine/
 * so that the next write of those bytes puts a good copy in place. It does not decide what to run; the
 * build does.
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
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { type Digest, digestFile, digestHex, digestOf } from "./digest.js";
import { StoreCorrupt } from "./errors.js";
import { type BlobProblem, checkBlobFile, readBlobFile } from "./internal/blobFile.js";
import { readSmallText } from "./internal/smallFile.js";
import { storeWrite } from "./internal/storeWrite.js";
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
  /**
   * The bytes of a blob, hashed as they are read. A blob that is missing, short or does not hash to its
   * name throws StoreCorrupt (after a bad one is moved to quarantine/).
   */
  readBlob(digest: Digest, size?: number): Buffer;
  /**
   * Checks a blob against its digest (and its recorded size, when given) by reading it once: undefined when
   * it is whole, else the problem. Whole blobs are remembered for the life of this store object.
   */
  checkBlob(digest: Digest, size?: number): BlobProblem | undefined;
  /** Moves a bad blob to quarantine/; returns its new path, or undefined when it was already gone. */
  quarantineBlob(digest: Digest, problem: BlobProblem): string | undefined;
  /** The path of a blob checked whole, for tools that read files themselves; throws StoreCorrupt otherwise. */
  verifiedPath(digest: Digest, size?: number): string;
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
  storeWrite(root, () => {
    for (const dir of ["cas/sha256", "ac", "refs", "tmp", "locks"])
      mkdirSync(join(root, dir), { recursive: true });
  });
  const madeDirs = new Set<string>();
  const presentBlobs = new Set<string>();
  const wholeBlobs = new Set<string>();
  const statCache = createStatCache(join(root, "stat-cache.json"));
  let bytesWritten = 0;

  const ensureDir = (dir: string): void => {
    if (madeDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  };
  // Plain concatenation on the hot path of cache hits (join normalises every call); digests and keys are hex.
  const casRoot = `${join(root, "cas/sha256")}/`;
  const acRoot = `${join(root, "ac")}/`;
  const blobPath = (digest: Digest): string => {
    const hex = digestHex(digest);
    return `${casRoot}${hex.slice(0, 2)}/${hex}`;
  };
  const actionPath = (key: string): string => `${acRoot}${key.slice(0, 2)}/${key}.json`;
  const tmpPath = (): string => join(root, "tmp", `${process.pid}-${randomBytes(6).toString("hex")}`);
  const lockPath = (key: string): string => join(root, "locks", `${key}.lock`);

  const blobSize = (digest: Digest): number | undefined => {
    try {
      return statSync(blobPath(digest)).size;
    } catch {
      return undefined;
    }
  };

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
    wholeBlobs.add(digest);
    bytesWritten += size;
  };

  const quarantineBlob = (digest: Digest, problem: BlobProblem): string | undefined => {
    presentBlobs.delete(digest);
    wholeBlobs.delete(digest);
    if (problem === "missing") return undefined;
    const dir = join(root, "quarantine");
    ensureDir(dir);
    const target = join(
      dir,
      `${digestHex(digest)}.${problem}.${process.pid}-${randomBytes(4).toString("hex")}`,
    );
    try {
      renameSync(blobPath(digest), target);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined; // another process moved it
      throw error;
    }
  };

  const checkBlob = (digest: Digest, size?: number): BlobProblem | undefined => {
    if (wholeBlobs.has(digest)) return undefined;
    const problem = checkBlobFile(blobPath(digest), digest, size);
    if (problem === undefined) {
      wholeBlobs.add(digest);
      presentBlobs.add(digest);
    }
    return problem;
  };

  const corrupt = (digest: Digest, problem: BlobProblem): StoreCorrupt => {
    const moved = quarantineBlob(digest, problem);
    const what =
      problem === "missing"
        ? "blob is missing"
        : `blob is ${problem === "mismatch" ? "corrupt (digest mismatch)" : `${problem}`}`;
    return new StoreCorrupt(blobPath(digest), moved === undefined ? what : `${what}; moved to ${moved}`);
  };

  /** True when the blob already in cas/ holds exactly `bytes` (a bad one is quarantined). */
  const holdsBytes = (digest: Digest, bytes: Uint8Array): boolean => {
    if (wholeBlobs.has(digest)) return true;
    const read = readBlobFile(blobPath(digest), digest, bytes.length);
    if (read.problem === undefined) {
      wholeBlobs.add(digest);
      return true;
    }
    quarantineBlob(digest, read.problem);
    return false;
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
      if (hasBlob(digest) && holdsBytes(digest, bytes)) return { digest, size: bytes.length };
      storeWrite(root, () => {
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
      });
      return { digest, size: bytes.length };
    },
    async importFile(path, { remember = true } = {}) {
      const known = remember ? statCache.lookup(path) : undefined;
      // An unchanged source whose blob has the right size is not re-read: a truncated copy is caught here,
      // a flipped bit when a stage reads the blob (sources can be gigabytes; every build would rehash them).
      if (known !== undefined && blobSize(known.digest) === known.size) return known;
      const tmp = tmpPath();
      copyFileSync(path, tmp, constants.COPYFILE_FICLONE);
      const { digest, size } = await digestFile(tmp);
      if (durable) {
        const fd = openSync(tmp, "r");
        fsyncSync(fd);
        closeSync(fd);
      }
      // The copy was just hashed, so it replaces whatever blob of that name is there (a bad one included)
      // by one rename, without reading the old one.
      const existed = hasBlob(digest);
      commitTmp(tmp, digest, existed ? 0 : size);
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
    readBlob(digest, size) {
      const read = readBlobFile(blobPath(digest), digest, size);
      if (read.problem !== undefined) throw corrupt(digest, read.problem);
      wholeBlobs.add(digest);
      return read.bytes;
    },
    checkBlob,
    quarantineBlob,
    verifiedPath(digest, size) {
      const problem = checkBlob(digest, size);
      if (problem !== undefined) throw corrupt(digest, problem);
      return blobPath(digest);
    },
    async verifyBlob(digest) {
      if (!existsSync(blobPath(digest))) return false;
      return (await digestFile(blobPath(digest))).digest === digest;
    },
    readAction(key) {
      const text = readSmallText(actionPath(key));
      if (text === undefined) return undefined;
      try {
        const entry = JSON.parse(text) as ActionEntry;
        return entry.key === key && entry.status === "ok" ? entry : undefined;
      } catch {
        return undefined; // a torn or foreign file is a miss; the rerun overwrites it
      }
    },
    writeAction(entry) {
      const target = actionPath(entry.key);
      storeWrite(root, () => {
        ensureDir(join(target, ".."));
        const tmp = tmpPath();
        writeFileSync(tmp, JSON.stringify(entry));
        renameSync(tmp, target);
      });
    },
    actionPath,
    tryLockAction: (key) => tryLock(lockPath(key)),
    unlockAction: (key) => unlock(lockPath(key)),
    waitActionUnlocked: (key, signal) => waitUnlocked(lockPath(key), signal === undefined ? {} : { signal }),
    statCache,
    flush: () => storeWrite(root, () => statCache.save(tmpPath())),
  };
}
