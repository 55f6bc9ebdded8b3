/**
 * Every named audio feature set in one place: the librosa-default sets in librosa's [features][frames]
 * orientation (`mel` … `tempogram`, `chroma-*`) and the dataset feature sets in [frames][features] (`justlmd`,
 * `edge35`, `fact35`, `bailando438`), each computed from mono PCM by name. Dataset sets are defined at their own
 * rate (`featureSetSampleRateHz`); resampling to it is the caller's (the CLI's `--sr`), not done here.
 */
import { InvalidParameter } from "../errors.js";
import { AIST_FEATURE_SETS, computeAistFeatureSet, isAistFeatureSet } from "./aistFeatureSets.js";
import { BAILANDO438_SAMPLE_RATE_HZ } from "./bailando438.js";
import { CHROMA_FEATURE_SETS, computeChromaFeatureSet, isChromaFeatureSet } from "./chromaFeatureSets.js";
import { EDGE35_SAMPLE_RATE_HZ } from "./edge35.js";
import { FACT35_SAMPLE_RATE_HZ } from "./fact35.js";
import {
  computeGenericFeatureSet,
  GENERIC_FEATURE_SETS,
  isGenericFeatureSet,
  type FeatureSetOutput,
} from "./genericFeatureSets.js";
import { justlmdFeatures, JUSTLMD_SAMPLE_RATE_HZ } from "./justlmd.js";

/** Every feature-set name `computeFeatureSet` knows. */
export const FEATURE_SETS = [
  ...GENERIC_FEATURE_SETS,
  ...CHROMA_FEATURE_SETS,
  "justlmd",
  ...AIST_FEATURE_SETS,
] as const;
export type FeatureSetName = (typeof FEATURE_SETS)[number];

const definedRates: Partial<Record<FeatureSetName, number>> = {
  justlmd: JUSTLMD_SAMPLE_RATE_HZ,
  edge35: EDGE35_SAMPLE_RATE_HZ,
  fact35: FACT35_SAMPLE_RATE_HZ,
  bailando438: BAILANDO438_SAMPLE_RATE_HZ,
};

export interface FeatureSetOptions {
  readonly sampleRateHz: number;
  /** beat_track's start_bpm (beats, edge35, fact35). */
  readonly startBpm?: number;
  /** The audio's file name: an AIST++ music id in it gives edge35/fact35 their start tempo. */
  readonly name?: string;
}

/** True for a feature-set name `computeFeatureSet` knows. */
export function isFeatureSet(name: string): name is FeatureSetName {
  return (FEATURE_SETS as readonly string[]).includes(name);
}

/** The rate a dataset feature set is defined at; undefined for librosa's sets (they take the audio's rate). */
export function featureSetSampleRateHz(featureSet: FeatureSetName): number | undefined {
  return definedRates[featureSet];
}

/** Computes the named feature set of mono PCM at `options.sampleRateHz`. */
export function computeFeatureSet(
  featureSet: string,
  pcm: Float32Array,
  options: FeatureSetOptions,
): FeatureSetOutput {
  const { sampleRateHz, startBpm, name } = options;
  const bpm = startBpm === undefined ? {} : { startBpm };
  if (isGenericFeatureSet(featureSet))
    return computeGenericFeatureSet(featureSet, pcm, { sampleRateHz, ...bpm });
  if (isChromaFeatureSet(featureSet)) return computeChromaFeatureSet(featureSet, pcm, { sampleRateHz });
  if (isAistFeatureSet(featureSet)) {
    return computeAistFeatureSet(featureSet, pcm, {
      sampleRateHz,
      ...bpm,
      ...(name === undefined ? {} : { name }),
    });
  }
  if (featureSet === "justlmd") {
    const f = justlmdFeatures(pcm, sampleRateHz);
    return { shape: [f.nFrames, f.nFeatures], dtype: "float32", data: f.data };
  }
  throw new InvalidParameter(
    "featureSet",
    `unknown feature set ${featureSet} (known: ${FEATURE_SETS.join(", ")})`,
  );
}
