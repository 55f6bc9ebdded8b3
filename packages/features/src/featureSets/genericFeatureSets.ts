/**
 * The generic audio feature sets of `choreo audio features` on this half of the port (`mel`, `mfcc`, `onset`, `onsets`,
 * `beats`, `tempogram`) with librosa's defaults and its [features][frames] orientation, as one tagged result:
 * `{ shape, dtype, data }` ready for JSON/npy output, `beats` adding `tempo`. Chroma feature sets live with chroma.
 * It takes PCM at its own rate (librosa's sr=None); decoding, cutting and resampling happen before.
 */
import { beatTrack } from "../beat.js";
import { InvalidParameter } from "../errors.js";
import { melSpectrogram } from "../mel.js";
import { mfcc } from "../mfcc.js";
import { onsetDetect, onsetStrength } from "../onset.js";
import { tempogram } from "../tempogram.js";

export const GENERIC_FEATURE_SETS = ["mel", "mfcc", "onset", "onsets", "beats", "tempogram"] as const;
export type GenericFeatureSet = (typeof GENERIC_FEATURE_SETS)[number];

/** A C-order array with its shape and numpy dtype name; `tempo` (BPM) is set by the `beats` feature set. */
export interface FeatureSetOutput {
  readonly shape: readonly number[];
  readonly dtype: "float32" | "float64" | "int64";
  readonly data: Float32Array | Float64Array | Int32Array;
  readonly tempo?: number;
}

export interface GenericFeatureSetOptions {
  readonly sampleRateHz: number;
  /** beat_track's start_bpm; default 120. */
  readonly startBpm?: number;
}

/** True for a feature-set name this module computes. */
export function isGenericFeatureSet(name: string): name is GenericFeatureSet {
  return (GENERIC_FEATURE_SETS as readonly string[]).includes(name);
}

/** Computes one generic feature set with librosa defaults (n_fft 2048, hop 512, 128 mels, 20 MFCC). */
export function computeGenericFeatureSet(
  featureSet: GenericFeatureSet,
  pcm: Float32Array,
  options: GenericFeatureSetOptions,
): FeatureSetOutput {
  const { sampleRateHz } = options;
  if (!(sampleRateHz > 0))
    throw new InvalidParameter("sampleRateHz", `must be positive, got ${sampleRateHz}`);
  switch (featureSet) {
    case "mel": {
      const m = melSpectrogram(pcm, { sampleRateHz });
      return { shape: [m.nBins, m.nFrames], dtype: "float32", data: m.data };
    }
    case "mfcc": {
      const m = mfcc(pcm, { sampleRateHz });
      return { shape: [m.nBins, m.nFrames], dtype: "float32", data: m.data };
    }
    case "onset": {
      const env = onsetStrength(pcm, { sampleRateHz });
      return { shape: [env.length], dtype: "float32", data: env };
    }
    case "onsets": {
      const frames = onsetDetect(onsetStrength(pcm, { sampleRateHz }), { sampleRateHz });
      return { shape: [frames.length], dtype: "int64", data: frames };
    }
    case "beats": {
      // parity: beat_track(y=…) builds its own envelope with aggregate=np.median.
      const track = beatTrack(onsetStrength(pcm, { sampleRateHz, aggregate: "median" }), {
        sampleRateHz,
        startBpm: options.startBpm ?? 120,
      });
      return { shape: [track.beats.length], dtype: "int64", data: track.beats, tempo: track.tempoBpm };
    }
    case "tempogram": {
      const tg = tempogram(onsetStrength(pcm, { sampleRateHz }));
      return { shape: [tg.nBins, tg.nFrames], dtype: "float64", data: tg.data };
    }
  }
}
