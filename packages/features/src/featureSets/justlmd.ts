/**
 * The JustLMD music feature (MRVNY/JustLMD_Dataset `LMD_Dataset.load_music`, librosa 0.11 semantics):
 * an 18 kHz mono clip → melspectrogram(n_fft 2048, hop 601, 128 mels, power 2) → power_to_db(ref=max) → one
 * z-score over the whole clip (numpy mean / population std) → transposed to [frames][128]. A 6 s clip
 * (108000 samples) gives 180 × 128. It does not resample or decode: pass PCM already at 18000 Hz.
 */
import { powerToDb } from "../db.js";
import { InvalidParameter } from "../errors.js";
import { melSpectrogram } from "../mel.js";
import type { PadMode } from "../stft.js";

export const JUSTLMD_SAMPLE_RATE_HZ = 18000;
export const JUSTLMD_HOP_LENGTH = 601;
export const JUSTLMD_N_MELS = 128;

export interface JustlmdOptions {
  /** Clip start like librosa.load(offset=…): samples = int(offsetSec · 18000). Default 0. */
  readonly offsetSec?: number;
  /** Clip length like librosa.load(duration=…); default 6 s; null takes the rest of the signal. */
  readonly durationSec?: number | null;
  /** "constant" (librosa ≥ 0.9, default) or "reflect" (librosa ≤ 0.8, the 2023 pipeline may have used it). */
  readonly padMode?: PadMode;
}

/** A [frames][features] float32 matrix, row-major (the dataset feature sets' orientation). */
export interface FrameFeatures {
  readonly data: Float32Array;
  readonly nFrames: number;
  readonly nFeatures: number;
}

/**
 * JustLMD's (T, 128) normalised log-mel of an 18 kHz clip. A clip with no variation (digital silence) has std 0;
 * librosa would give NaN there, this returns zeros.
 */
export function justlmdFeatures(
  pcm: Float32Array,
  sampleRateHz: number,
  options: JustlmdOptions = {},
): FrameFeatures {
  if (sampleRateHz !== JUSTLMD_SAMPLE_RATE_HZ) {
    throw new InvalidParameter(
      "sampleRateHz",
      `justlmd needs ${JUSTLMD_SAMPLE_RATE_HZ} Hz PCM, got ${sampleRateHz}`,
    );
  }
  const start = Math.trunc((options.offsetSec ?? 0) * sampleRateHz);
  const duration = options.durationSec === undefined ? 6 : options.durationSec;
  const end =
    duration === null ? pcm.length : Math.min(pcm.length, start + Math.trunc(duration * sampleRateHz));
  const clip = pcm.subarray(Math.min(start, pcm.length), end);
  const db = powerToDb(
    melSpectrogram(clip, {
      sampleRateHz,
      hopLengthSamples: JUSTLMD_HOP_LENGTH,
      nMels: JUSTLMD_N_MELS,
      padMode: options.padMode ?? "constant",
    }),
    { ref: "max" },
  );
  const { nBins, nFrames, data } = db;
  let sum = 0;
  for (const v of data) sum += v;
  const mean = Math.fround(sum / data.length);
  let ss = 0;
  for (const v of data) ss += Math.fround(v - mean) ** 2;
  const std = Math.fround(Math.sqrt(ss / data.length));
  const out = new Float32Array(data.length);
  for (let m = 0; m < nBins; m++) {
    for (let t = 0; t < nFrames; t++)
      out[t * nBins + m] = std === 0 ? 0 : Math.fround(data[m * nFrames + t]! - mean) / std;
  }
  return { data: out, nFrames, nFeatures: nBins };
}
