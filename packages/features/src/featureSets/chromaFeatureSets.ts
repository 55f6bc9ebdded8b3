/**
 * The chroma feature sets of `choreo audio features` (`chroma-stft`, `chroma-cqt`, `chroma-cens`) with librosa 0.11
 * defaults (tuning estimated, hop 512, 12 classes) in librosa's [chroma][frames] orientation, as the same
 * `{ shape, dtype, data }` result the generic feature sets give. PCM is taken at its own rate (librosa's sr=None).
 */
import { chromaStft } from "../chroma.js";
import { chromaCens, chromaCqt } from "../chromaCqt.js";
import { InvalidParameter } from "../errors.js";
import type { FeatureSetOutput } from "./genericFeatureSets.js";

export const CHROMA_FEATURE_SETS = ["chroma-stft", "chroma-cqt", "chroma-cens"] as const;
export type ChromaFeatureSet = (typeof CHROMA_FEATURE_SETS)[number];

/** True for a feature-set name this module computes. */
export function isChromaFeatureSet(name: string): name is ChromaFeatureSet {
  return (CHROMA_FEATURE_SETS as readonly string[]).includes(name);
}

/** Computes one chroma feature set with librosa defaults; `tuning` is not part of the output (it is in the features). */
export function computeChromaFeatureSet(
  featureSet: ChromaFeatureSet,
  pcm: Float32Array,
  options: { sampleRateHz: number },
): FeatureSetOutput {
  const { sampleRateHz } = options;
  if (!(sampleRateHz > 0))
    throw new InvalidParameter("sampleRateHz", `must be positive, got ${sampleRateHz}`);
  const chroma =
    featureSet === "chroma-stft"
      ? chromaStft(pcm, { sampleRateHz })
      : featureSet === "chroma-cqt"
        ? chromaCqt(pcm, { sampleRateHz })
        : chromaCens(pcm, { sampleRateHz });
  return { shape: [chroma.nBins, chroma.nFrames], dtype: "float32", data: chroma.data };
}
