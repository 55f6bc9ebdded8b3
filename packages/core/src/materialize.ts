/**
 * Materialising a dataset: named artifacts copied out of the store into a folder, each through a private
 * temporary name and a rename, so a reader sees the old file or the new one and two builds may write one folder
 * at once. It does not remove files the folder already holds.
 */
import { chmodSync, copyFileSync, mkdirSync, renameSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Artifact } from "./schema.js";
import type { Store } from "./store.js";

/** A file of a dataset folder: its path under the folder and the artifact holding its bytes. */
export interface NamedArtifact {
  readonly name: string;
  readonly artifact: Artifact;
}

/** Copies each artifact to `<outDir>/<name>` (read-write for the user, atomic per file). */
export function materialize(
  store: Pick<Store, "blobPath">,
  files: readonly NamedArtifact[],
  outDir: string,
): void {
  for (const { name, artifact } of files) {
    const target = join(outDir, name);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    copyFileSync(store.blobPath(artifact.digest), tmp);
    chmodSync(tmp, 0o644); // blobs are read-only; the dataset's files are the user's
    renameSync(tmp, target);
  }
}
