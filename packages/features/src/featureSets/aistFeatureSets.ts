/**
 * Dispatch for the AIST++ feature sets of `choreo audio features` (`edge35`, `fact35`, `bailando438`):
 * [frames][features] float32 results in the `{ shape, dtype, data }` form of the generic feature sets, PCM resampled
 * to each feature set's rate. `startBpm` or an AIST++ music id in `name` is required by edge35/fact35.
 */
import type { FeatureSetOutput } from "./genericFeatureSets.js";
import { bailando438Features } from "./bailando438.js";
import { edge35Features } from "./edge35.js";
import { fact35Features } from "./fact35.js";

export const AIST_FEATURE_SETS = ["edge35", "fact35", "bailando438"] as const;
export type AistFeatureSet = (typeof AIST_FEATURE_SETS)[number];

export interface AistFeatureSetOptions {
  readonly sampleRateHz: number;
  /** beat_track's start_bpm for edge35/fact35 (the CLI's `--start-bpm`). */
  readonly startBpm?: number;
  /** File name with the AIST++ music id, for the start tempo. */
  readonly name?: string;
}

/** True for a feature-set name this module computes. */
export function isAistFeatureSet(name: string): name is AistFeatureSet {
  return (AIST_FEATURE_SETS as readonly string[]).includes(name);
}

/** Computes one AIST++ feature set; the result also carries the tempo beat_track found (edge35/fact35). */
export function computeAistFeatureSet(
  featureSet: AistFeatureSet,
  pcm: Float32Array,
  options: AistFeatureSetOptions,
): FeatureSetOutput {
  const tempoOptions = {
    ...(options.startBpm !== undefined ? { startBpm: options.startBpm } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
  };
  switch (featureSet) {
    case "edge35":
    case "fact35": {
      const f =
        featureSet === "edge35"
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
