/**
 * Kinematic ("motion") beats: local minima of joint speed, the one implementation choreo has (metrics, rhythm
 * features and report plots all call it). Two reference variants, both in float32 as the references compute
 * on float32 positions:
 * - `bailando` (default), Bailando `utils/beat_align_score.py::calc_db` (@cc90b98): mean joint speed over T−1
 *   displacements, Gaussian smoothing σ = 5 frames (scipy reflect), strict minima of order 1.
 * - `fact`, mint PR #41 `tools/calculate_beat_scores.py::motion_peak_onehot` (@83d64b9): summed joint speed
 *   over T frames with v[0] = 0, no smoothing, strict minima of order 10.
 * Works for any J×D (2-D keypoints too; a trailing score channel is skipped through `stride`). Scoring
 * against music beats is @choreo/eval's; other rhythm features of motion are @choreo/features'.
 */
import { gaussianFilter1d } from "./internal/gaussianFilter.js";
import { f32, pairwiseSum } from "./internal/numpySum.js";
import { relativeMinima } from "./internal/relativeExtrema.js";

/** T frames × J joints of D coordinates in one array, `stride` values per joint (default D). */
export interface JointsLayout {
  readonly frames: number;
  readonly joints: number;
  /** Coordinates used (2 for x, y; 3 for 3D). */
  readonly dims: number;
  /** Values per joint in the array (3 for x, y, score). Default `dims`. */
  readonly stride?: number;
}

/** The reference whose motion beats to compute. */
export type KinematicBeatsReference = "bailando" | "fact";

export interface KinematicBeatsOptions {
  /** Default "bailando". */
  readonly reference?: KinematicBeatsReference;
  /** σ of the Gaussian smoothing in frames (`bailando` only); default 5 (Bailando at 60 fps). */
  readonly smoothingSigmaFrames?: number;
  /** Neighbourhood of the strict minima in frames; default 1 (`bailando`) or 10 (`fact`, "10 for 60FPS"). */
  readonly order?: number;
}

/** Motion-beat frames and the speed curve they are minima of. */
export interface KinematicBeats {
  /**
   * `bailando`: indices of frame steps t → t+1 (0..T−2); `fact`: frames (0..T−1), seed frames included.
   */
  readonly beats: number[];
  /** `bailando`: the smoothed mean speed (T−1); `fact`: the summed speed envelope (T, envelope[0] = 0). */
  readonly speed: Float32Array;
}

/** Per-joint speed of displacement `t → t+1`, float32 as numpy: squares, a short sum, a sqrt. */
function jointSpeeds(joints: Float32Array, layout: JointsLayout, t: number, out: Float32Array): void {
  const stride = layout.stride ?? layout.dims;
  const a = t * layout.joints * stride;
  const b = a + layout.joints * stride;
  for (let j = 0; j < layout.joints; j++) {
    let s = 0;
    for (let c = 0; c < layout.dims; c++) {
      const d = Math.fround(joints[b + j * stride + c]! - joints[a + j * stride + c]!);
      s = Math.fround(s + Math.fround(d * d));
    }
    out[j] = Math.fround(Math.sqrt(s));
  }
}

/** Bailando's speed curve: mean over joints of the speed t→t+1, t < T−1 (unsmoothed), float32. */
export function meanJointSpeed(joints: Float32Array, layout: JointsLayout): Float32Array {
  const length = Math.max(0, layout.frames - 1);
  const v = new Float32Array(length);
  const speeds = new Float32Array(layout.joints);
  for (let t = 0; t < length; t++) {
    jointSpeeds(joints, layout, t, speeds);
    // parity: numpy's mean over the last axis is a pairwise float32 sum, then a float32 division.
    v[t] = Math.fround(pairwiseSum(speeds, 0, layout.joints, 1, f32) / layout.joints);
  }
  return v;
}

/** FACT's envelope: sum over joints of the speed (t−1 → t), length T, envelope[0] = 0, float32. */
export function summedJointSpeed(joints: Float32Array, layout: JointsLayout): Float32Array {
  const env = new Float32Array(layout.frames);
  const speeds = new Float32Array(layout.joints);
  for (let t = 1; t < layout.frames; t++) {
    jointSpeeds(joints, layout, t - 1, speeds);
    env[t] = pairwiseSum(speeds, 0, layout.joints, 1, f32);
  }
  return env;
}

/** Motion beats of `joints` by Bailando's `calc_db` (default) or FACT's `motion_peak_onehot`. */
export function kinematicBeats(
  joints: Float32Array,
  layout: JointsLayout,
  options: KinematicBeatsOptions = {},
): KinematicBeats {
  const reference = options.reference ?? "bailando";
  switch (reference) {
    case "bailando": {
      const speed = gaussianFilter1d(meanJointSpeed(joints, layout), options.smoothingSigmaFrames ?? 5);
      return { beats: relativeMinima(speed, options.order ?? 1), speed };
    }
    case "fact": {
      const speed = summedJointSpeed(joints, layout);
      return { beats: relativeMinima(speed, options.order ?? 10), speed };
    }
  }
}
