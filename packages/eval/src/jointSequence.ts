/**
 * The motion the metrics read: T frames × J joints × D coordinates (D = 3 for SMPL joints, 2 for image
 * keypoints) in one float32 array, C order, as the references hold `pred_position` / `full_pose`.
 * Also the two preprocessing steps of Bailando's protocol (frame-0 root subtraction, the 1,200-frame crop).
 * Reading files is `loadMotion.ts`; forward kinematics from SMPL poses is not done here.
 */
import { InvalidMotionInput } from "./errors.js";

/** T×J×D float32 positions in C order. */
export interface JointSequence {
  readonly frames: number;
  readonly joints: number;
  readonly dims: number;
  readonly data: Float32Array;
}

/** Wraps `data` as a sequence of `joints`×`dims` frames; throws InvalidMotionInput when it does not divide. */
export function createJointSequence(
  data: Float32Array,
  joints = 24,
  dims = 3,
  source = "<array>",
): JointSequence {
  const stride = joints * dims;
  if (stride === 0 || data.length % stride !== 0) {
    throw new InvalidMotionInput(source, `${data.length} values are not whole frames of ${joints}×${dims}`);
  }
  return { frames: data.length / stride, joints, dims, data };
}

/**
 * Subtracts the frame-0 root position from every joint of every frame in float32, as Bailando does before
 * features (`keypoints3d - keypoints3d[:1, :1]`). FACT does not; see metrics.md §1.
 */
export function subtractInitialRoot(seq: JointSequence): JointSequence {
  const { dims, data } = seq;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.fround(data[i]! - data[i % dims]!);
  return { ...seq, data: out };
}

/** The first `maxFrames` frames (Bailando crops predictions to 1,200 frames for FID, not for BAS). */
export function cropFrames(seq: JointSequence, maxFrames: number): JointSequence {
  if (seq.frames <= maxFrames) return seq;
  return { ...seq, frames: maxFrames, data: seq.data.subarray(0, maxFrames * seq.joints * seq.dims) };
}

/** Drops the first `count` frames (FACT drops its 120 seed frames for FID). */
export function dropFrames(seq: JointSequence, count: number): JointSequence {
  const start = Math.min(count, seq.frames);
  return { ...seq, frames: seq.frames - start, data: seq.data.subarray(start * seq.joints * seq.dims) };
}
