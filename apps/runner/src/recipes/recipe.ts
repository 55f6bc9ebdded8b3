/**
 * What every recipe gives back: the manifest (whose digest is the dataset digest), its shards, and the files
 * to materialise under the output folder, each an artifact already in the store.
 */
import type { Artifact } from "@choreo/core";

export interface RecipeResult {
  readonly manifest: Artifact<"manifest">;
  /** The split shards (for the dataset report). */
  readonly shards: readonly Artifact<"shard">[];
  readonly files: readonly { readonly name: string; readonly artifact: Artifact }[];
}
