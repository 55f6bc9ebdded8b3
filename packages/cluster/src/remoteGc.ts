/**
 * `choreo gc --store URL`: on a shared store, keeps what the refs reach (their action entries and those
 * entries' blobs) and deletes the rest. Unlike local gc it takes no lock (object stores have none): run it
 * when no cluster build is running. No size cap: refs are kept whole.
 */
import type { Digest, RemoteStore } from "@choreo/core";

export interface RemoteGcResult {
  readonly keptRefs: number;
  readonly removedBlobs: number;
  readonly removedActions: number;
  readonly freedBytes: number;
}

/** Deletes every action entry and blob of `remote` that no ref reaches. */
export async function collectRemoteGarbage(remote: RemoteStore): Promise<RemoteGcResult> {
  const refs = await remote.listRefs();
  const keys = new Set(refs.flatMap((r) => Object.values(r.actions)));
  const blobs = new Set<Digest>();
  for (const key of keys) {
    const entry = await remote.readAction(key);
    for (const a of Object.values(entry?.outputs ?? {}).flat()) blobs.add(a.digest);
  }
  let removedActions = 0;
  for (const key of await remote.listActions()) {
    if (keys.has(key)) continue;
    await remote.deleteAction(key); // its blobs go below unless a reached entry names them too
    removedActions++;
  }
  let removedBlobs = 0;
  let freedBytes = 0;
  for (const { digest, size } of await remote.listBlobs()) {
    if (blobs.has(digest)) continue;
    await remote.deleteBlob(digest);
    removedBlobs++;
    freedBytes += size;
  }
  return { keptRefs: refs.length, removedBlobs, removedActions, freedBytes };
}
