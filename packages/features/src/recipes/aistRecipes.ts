/**
 * Dispatch for the AIST++ dataset recipes of `choreo audio features` (`edge35`, `fact35`, `bailando438`):
 * [frames][features] float32 results in the `{ shape, dtype, data }` form of the generic recipes, PCM resampled
 * to each recipe's rate. `startBpm` or an AIST++ music id in `name` is required by edge35/fact35.
 */
import type { RecipeOutput } from "./generic.js";
import { bailando438Features } from "./bailando438.js";
import { edge35Features } from "./edge35.js";
import { fact35Features } from "./fact35.js";

export const AIST_AUDIO_RECIPES = ["edge35", "fact35", "bailando438"] as const;
export type AistAudioRecipe = (typeof AIST_AUDIO_RECIPES)[number];

export interface AistRecipeOptions {
  readonly sampleRateHz: number;
  /** beat_track's start_bpm for edge35/fact35 (the CLI's `--start-bpm`). */
  readonly startBpm?: number;
  /** File name with the AIST++ music id, for the start tempo. */
  readonly name?: string;
}

/** True for a recipe name this module computes. */
export function isAistAudioRecipe(name: string): name is AistAudioRecipe {
  return (AIST_AUDIO_RECIPES as readonly string[]).includes(name);
}

/** Computes one AIST++ dataset recipe; the result also carries the tempo beat_track found (edge35/fact35). */
export function computeAistRecipe(
  recipe: AistAudioRecipe,
  pcm: Float32Array,
  options: AistRecipeOptions,
): RecipeOutput {
  const tempoOptions = {
    ...(options.startBpm !== undefined ? { startBpm: options.startBpm } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
  };
  switch (recipe) {
    case "edge35":
    case "fact35": {
      const f =
        recipe === "edge35"
          ? edge35Features(pcm, options.sampleRateHz, tempoOptions)
          : fact35Features(pcm, options.sampleRateHz, tempoOptions);
      return { shape: [f.nFrames, f.nFeatures], dtype: "float32", data: f.data, tempo: f.tempoBpm };
    }
    case "bailando438": {
      const f = bailando438Features(pcm, options.sampleRateHz);
      return { shape: [f.nFrames, f.nFeatures], dtype: "float32", data: f.data };
    }
  }
}
