/**
 * FACT's 35-dim audio feature (google-research/mint `tools/preprocessing.py::cache_audio_features`, b8f8bdf):
 * 60 fps (sr 30720, hop 512), the `baseline35` columns over the whole song, no chop. mint's positional
 * `onset_strength(data, sr=SR)` calls fail on librosa ≥ 0.10; this follows the keyword (EDGE) semantics.
 */
import { baseline35Features, type Baseline35Options } from "./baseline35.js";
import type { FrameFeatures } from "./justlmd.js";

export const FACT35_FPS = 60;
export const FACT35_SAMPLE_RATE_HZ = FACT35_FPS * 512;

/** FACT's [frames][35] music feature of mono PCM (resampled to 30720 Hz if needed). */
export function fact35Features(
  pcm: Float32Array,
  sampleRateHz: number,
  options: Baseline35Options = {},
): FrameFeatures & { startBpm: number; tempoBpm: number } {
  return baseline35Features(pcm, sampleRateHz, { sampleRateHz: FACT35_SAMPLE_RATE_HZ }, options);
}
