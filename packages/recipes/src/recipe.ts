/**
 * What a dataset recipe is: a name, a config schema, `run`, which builds the dataset on a `Build` and gives
 * back its manifest (whose digest is the dataset digest), its shards and the files to materialise under the
 * output folder (each an artifact already in the store), and `musicFeatures`, the music of new audio exactly as
 * the build computes it. Materialising and refs are @choreo/core's.
 */
import type { Artifact, Build } from "@choreo/core";
import type { z } from "zod";
import type { MusicAudio, MusicFeatures, MusicRequest } from "./music.js";

/** The artifacts a recipe's build ends with. */
export interface RecipeResult {
  readonly manifest: Artifact<"manifest">;
  /** The split shards (for the dataset report). */
  readonly shards: readonly Artifact<"shard">[];
  readonly files: readonly { readonly name: string; readonly artifact: Artifact }[];
}

/** Tool versions that enter the manifest (e.g. `{ choreo: "0.1.0" }`). */
export type RecipeTools = Readonly<Record<string, string>>;

/** One dataset recipe. */
export interface Recipe<TConfig extends { readonly name: string }> {
  readonly name: string;
  readonly configSchema: z.ZodType<TConfig, unknown>;
  run(build: Build, config: TConfig, tools: RecipeTools): Promise<RecipeResult>;
  /** The music features of new audio for a window, as this recipe's dataset build computes them. */
  musicFeatures(audio: MusicAudio, request: MusicRequest<TConfig>): MusicFeatures;
}

/** Declares a recipe (identity function, for typing). */
export function defineRecipe<TConfig extends { readonly name: string }>(
  recipe: Recipe<TConfig>,
): Recipe<TConfig> {
  return recipe;
}
