/**
 * Motion ("kinematic") beats: local minima of joint speed. Two reference variants, both in float32 as the
 * references compute on float32 positions:
 * - Bailando `utils/beat_align_score.py::calc_db` (@cc90b98): mean joint speed over T−1 displacements,
 *   Gaussian smoothing σ = 5 frames (scipy reflect), strict minima of order 1.
 * - FACT, mint PR #41 `tools/calculate_beat_scores.py::motion_peak_onehot` (@83d64b9): summed joint speed
 *   over T frames with v[0] = 0, no smoothing, strict minima of order 10.
 * Works for any J×D (2-D keypoints too). Scoring against music beats is `beatAlign.ts`.
 */
import type { JointSequence } from "./jointSequence.js";
import { gaussianFilter1d } from "./internal/gaussianFilter.js";
import { f32, pairwiseSum } from "./internal/numpySum.js";
import { relativeMinima } from "./internal/relativeExtrema.js";

/** Per-joint speed of displacement `t → t+1`, float32 as numpy: squares, a short sum, a sqrt. */
function jointSpeeds(seq: JointSequence, t: number, out: Float32Array): void {
  const { joints, dims, data } = seq;
  const a = t * joints * dims;
  const b = a + joints * dims;
  for (let j = 0; j < joints; j++) {
    let s = 0;
    for (let c = 0; c < dims; c++) {
      const d = Math.fround(data[b + j * dims + c]! - data[a + j * dims + c]!);
      s = Math.fround(s + Math.fround(d * d));
    }
    out[j] = Math.fround(Math.sqrt(s));
  }
}

/** Bailando's speed curve: mean over joints of the speed t→t+1, t < T−1 (unsmoothed), float32. */
export function meanJointSpeed(seq: JointSequence): Float32Array {
  const length = Math.max(0, seq.frames - 1);
  const v = new Float32Array(length);
  const speeds = new Float32Array(seq.joints);
  for (let t = 0; t < length; t++) {
    jointSpeeds(seq, t, speeds);
    // parity: numpy's mean over the last axis is a pairwise float32 sum, then a float32 division.
    v[t] = Math.fround(pairwiseSum(speeds, 0, seq.joints, 1, f32) / seq.joints);
  }
  return v;
}

export interface BailandoBeatOptions {
  /** σ of the Gaussian smoothing in frames; default 5 (Bailando at 60 fps). */
  readonly smoothingSigmaFrames?: number;
}

/** Bailando `calc_db`: motion-beat frames and the length of the speed curve (T − 1). */
export function motionBeatsBailando(
  seq: JointSequence,
  options: BailandoBeatOptions = {},
): { beats: number[]; length: number } {
  const v = meanJointSpeed(seq);
  const smooth = gaussianFilter1d(v, options.smoothingSigmaFrames ?? 5);
  return { beats: relativeMinima(smooth, 1), length: v.length };
}

/** FACT's envelope: sum over joints of the speed (t−1 → t), length T, envelope[0] = 0, float32. */
export function summedJointSpeed(seq: JointSequence): Float32Array {
  const env = new Float32Array(seq.frames);
  const speeds = new Float32Array(seq.joints);
  for (let t = 1; t < seq.frames; t++) {
    jointSpeeds(seq, t - 1, speeds);
    env[t] = pairwiseSum(speeds, 0, seq.joints, 1, f32);
  }
  return env;
}

export interface FactBeatOptions {
  /** Neighbourhood of the strict minimum in frames; default 10 ("10 for 60FPS"). */
  readonly order?: number;
}

/** FACT `motion_peak_onehot`: motion-beat frames over the whole sequence (seed frames included). */
export function motionBeatsFact(seq: JointSequence, options: FactBeatOptions = {}): number[] {
  return relativeMinima(summedJointSpeed(seq), options.order ?? 10);
}
