/**
 * A store shared by the machines of a cluster: the same CAS (blobs named by digest) and action cache as the
 * local store, behind one async interface with two implementations here and in @choreo/cluster (a shared
 * directory, S3). A process never reads shared blobs in place: it copies them into its own local store (its
 * read-through cache), which hashes them on the way in, and it pushes blobs before their action entry. It
 * does not decide what to run (the build does) and it does not lock: entries and blobs are immutable by name,
 * so two writers of one key write the same bytes.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Digest } from "./digest.js";
import { listRefs, readRef, writeRef, type RefRecord } from "./refs.js";
import { openStore, type ActionEntry, type Store } from "./store.js";

/** A CAS and action cache that several machines share. */
export interface RemoteStore {
  /** Where it is, as given (`s3://bucket/prefix` or a directory). */
  readonly url: string;
  /** Checks that the store can be reached and written; throws StoreUnreachable otherwise. */
  probe(): Promise<void>;
  hasBlob(digest: Digest): Promise<boolean>;
  /** Copies a blob from `cache` unless the remote store already has it (HEAD before PUT). */
  pushBlob(digest: Digest, cache: Store): Promise<void>;
  /**
   * Copies a blob into `cache`, hashed on the way in: false when the remote store lacks it, or when its bytes
   * do not hash to its name (the bad copy is then removed from the remote store, so the action reruns).
   */
  fetchBlob(digest: Digest, cache: Store): Promise<boolean>;
  readAction(key: string): Promise<ActionEntry | undefined>;
  /** Writes an action entry; callers push its blobs first. */
  writeAction(entry: ActionEntry): Promise<void>;
  readRef(dataset: string, tag: string): Promise<RefRecord | undefined>;
  writeRef(record: RefRecord): Promise<void>;
  listRefs(): Promise<RefRecord[]>;
  /** Every blob (digest, size) and every action key: what gc walks. */
  listBlobs(): Promise<{ digest: Digest; size: number }[]>;
  listActions(): Promise<string[]>;
  deleteBlob(digest: Digest): Promise<void>;
  deleteAction(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A shared directory (NFS-style) in the local store's layout: blobs arrive through tmp/ and one rename, so a
 * reader on another machine sees a whole blob or none.
 */
export function createDirRemoteStore(root: string): RemoteStore {
  const shared = openStore(root);
  return {
    url: root,
    probe: () => Promise.resolve(),
    hasBlob: (digest) => Promise.resolve(shared.hasBlob(digest)),
    async pushBlob(digest, cache) {
      if (shared.hasBlob(digest)) return;
      await shared.importFile(cache.verifiedPath(digest), { remember: false });
    },
    async fetchBlob(digest, cache) {
      if (cache.hasBlob(digest)) return true;
      if (!existsSync(shared.blobPath(digest))) return false;
      const got = await cache.importFile(shared.blobPath(digest), { remember: false });
      if (got.digest === digest) return true;
      shared.quarantineBlob(digest, "mismatch");
      return false;
    },
    readAction: (key) => Promise.resolve(shared.readAction(key)),
    writeAction: (entry) => Promise.resolve(shared.writeAction(entry)),
    readRef: (dataset, tag) => Promise.resolve(readRef(root, dataset, tag)),
    writeRef: (record) => Promise.resolve(writeRef(root, record)),
    listRefs: () => Promise.resolve(listRefs(root).map((r) => r.record)),
    listBlobs: () => Promise.resolve(walkBlobs(join(root, "cas/sha256"))),
    listActions: () => Promise.resolve(walk(join(root, "ac")).map((f) => f.name.replace(/\.json$/, ""))),
    deleteBlob: (digest) => Promise.resolve(rmSync(shared.blobPath(digest), { force: true })),
    deleteAction: (key) => Promise.resolve(rmSync(shared.actionPath(key), { force: true })),
    close: () => Promise.resolve(shared.flush()),
  };
}

function walk(dir: string): { name: string; size: number }[] {
  if (!existsSync(dir)) return [];
  const out: { name: string; size: number }[] = [];
  for (const shard of readdirSync(dir)) {
    for (const name of readdirSync(join(dir, shard))) {
      out.push({ name, size: statSync(join(dir, shard, name)).size });
    }
  }
  return out;
}

function walkBlobs(dir: string): { digest: Digest; size: number }[] {
  return walk(dir).map((f) => ({ digest: `sha256:${f.name}`, size: f.size }));
}

/** A name for a temporary file of this process (downloads land here before the cache hashes them in). */
export function tmpName(cache: Store): string {
  return join(cache.root, "tmp", `fetch-${process.pid}-${randomBytes(6).toString("hex")}`);
}
