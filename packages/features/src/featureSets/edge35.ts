/**
 * EDGE's 35-dim baseline audio feature (Stanford-TML/EDGE `data/audio_extraction/baseline_features.py`, HEAD 17c3428):
 * 30 fps (sr 15360, hop 512), the `baseline35` columns, cut to the first 5 s (150 rows) like `feat[:5*FPS]`
 * unless `chop: false`. EDGE runs it on 5 s slices; the slicing itself is not done here.
 */
import { baseline35Features, type Baseline35Options } from "./baseline35.js";
import type { FrameFeatures } from "./justlmd.js";

export const EDGE35_FPS = 30;
export const EDGE35_SAMPLE_RATE_HZ = EDGE35_FPS * 512;

export interface Edge35Options extends Baseline35Options {
  /** Keep only the first 5·30 = 150 rows, as EDGE does. Default true. */
  readonly chop?: boolean;
}

/** EDGE's [frames][35] music feature of mono PCM (resampled to 15360 Hz if needed). */
export function edge35Features(
  pcm: Float32Array,
  sampleRateHz: number,
  options: Edge35Options = {},
): FrameFeatures & { startBpm: number; tempoBpm: number } {
  const chop = options.chop ?? true;
  return baseline35Features(
    pcm,
    sampleRateHz,
    {
      sampleRateHz: EDGE35_SAMPLE_RATE_HZ,
      ...(chop ? { maxFrames: 5 * EDGE35_FPS } : {}),
    },
    options,
  );
}
