/**
 * What every recipe gives back: the manifest (whose digest is the dataset digest) and the files to
 * materialise under the output folder, each an artifact already in the store.
 */
import type { Artifact } from "@choreo/core";

export interface RecipeResult {
  readonly manifest: Artifact;
  readonly files: readonly { readonly name: string; readonly artifact: Artifact }[];
}
