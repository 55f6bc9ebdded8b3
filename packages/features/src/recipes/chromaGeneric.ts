/**
 * The chroma recipes of `choreo audio features` (`chroma-stft`, `chroma-cqt`, `chroma-cens`) with librosa 0.11
 * defaults (tuning estimated, hop 512, 12 classes) in librosa's [chroma][frames] orientation, as the same
 * `{ shape, dtype, data }` result the generic recipes give. PCM is taken at its own rate (librosa's sr=None).
 */
import { chromaStft } from "../chroma.js";
import { chromaCens, chromaCqt } from "../chromaCqt.js";
import { InvalidParameter } from "../errors.js";
import type { RecipeOutput } from "./generic.js";

export const CHROMA_AUDIO_RECIPES = ["chroma-stft", "chroma-cqt", "chroma-cens"] as const;
export type ChromaAudioRecipe = (typeof CHROMA_AUDIO_RECIPES)[number];

/** True for a recipe name this module computes. */
export function isChromaAudioRecipe(name: string): name is ChromaAudioRecipe {
  return (CHROMA_AUDIO_RECIPES as readonly string[]).includes(name);
}

/** Computes one chroma recipe with librosa defaults; `tuning` is not part of the output (it is in the features). */
export function computeChromaRecipe(
  recipe: ChromaAudioRecipe,
  pcm: Float32Array,
  options: { sampleRateHz: number },
): RecipeOutput {
  const { sampleRateHz } = options;
  if (!(sampleRateHz > 0))
    throw new InvalidParameter("sampleRateHz", `must be positive, got ${sampleRateHz}`);
  const chroma =
    recipe === "chroma-stft"
      ? chromaStft(pcm, { sampleRateHz })
      : recipe === "chroma-cqt"
        ? chromaCqt(pcm, { sampleRateHz })
        : chromaCens(pcm, { sampleRateHz });
  return { shape: [chroma.nBins, chroma.nFrames], dtype: "float32", data: chroma.data };
}
