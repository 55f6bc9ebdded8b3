/**
 * Motion representations that trainers read, each a T×D array built from an SMPL sequence:
 * - `joints24` (72): SMPL-24 joint positions by EDGE's FK, y up, root position = trans / scaling (EDGE
 *   ignores the pelvis rest offset J0, and so do we, for parity);
 * - `smpl78` (78): JustLMD's dance tensor, `poses (72, root zeroed) + Th + Rh` (formats.md §2.6);
 * - `edge151` (151): EDGE's `[4 foot contacts | 3 root | 24 × rot6d]`, z up, at 30 fps (Stanford-TML/EDGE
 *   `dataset/dance_dataset.py` `process_dataset`, metrics.md §12.1), before its min-max normaliser;
 * - `fact219` (219): FACT's `[trans / scaling | 24 × 3×3 row-major matrix]` at the source rate
 *   (google-research/mint `tools/preprocessing.py`); FACT's load-time padding to 225 is not applied.
 * Inputs in the other convention are converted first (`conventions.ts`).
 */
import { aistppToEasymocap, easymocapToAistpp, type SmplSequence } from "./conventions.js";
import { forwardKinematics } from "./kinematics.js";
import { aaToQuat, quatMul, quatToAa, quatToMat } from "./internal/rotationsKernel.js";
import { allocLike, axisAngleToMatrix, axisAngleToRot6d, type FloatArray } from "./rotations.js";
import { smpl24FootJoints } from "./skeleton.js";

/** The representation names of `choreo motion convert --to`. */
export const representationNames = ["joints24", "smpl78", "edge151", "fact219"] as const;
export type RepresentationName = (typeof representationNames)[number];

/** Values per frame of each representation. */
export const representationDims: Readonly<Record<RepresentationName, number>> = {
  joints24: 72,
  smpl78: 78,
  edge151: 151,
  fact219: 219,
};

/** A T×D representation and the frame rate it is at. */
export interface MotionArray<TArray extends FloatArray = FloatArray> {
  readonly name: RepresentationName;
  readonly frames: number;
  readonly dims: number;
  readonly fps: number;
  readonly data: TArray;
}

/** EDGE's y-up → z-up turn: 90° about x (parity: EDGE writes the quaternion as [0.7071068, 0.7071068, 0, 0]). */
const upToZ = Float64Array.from([Math.SQRT1_2, Math.SQRT1_2, 0, 0]);

function rootMetres(seq: SmplSequence): Float64Array {
  const out = new Float64Array(seq.frames * 3);
  for (let i = 0; i < out.length; i++) out[i] = seq.trans[i]! / seq.scaling;
  return out;
}

/** SMPL-24 joint positions (T×72, metres, y up), EDGE FK of the AIST++-convention sequence. */
export function joints24<TArray extends FloatArray>(seq: SmplSequence<TArray>): MotionArray<TArray> {
  const a = easymocapToAistpp(seq);
  const data = forwardKinematics({ rotations: a.poses, rootPositions: rootMetres(a) });
  return { name: "joints24", frames: a.frames, dims: 72, fps: a.fps, data };
}

/** JustLMD's 78-d dance frames: 72 poses with the root zeroed, then Th, then Rh (EasyMocap convention). */
export function smpl78<TArray extends FloatArray>(seq: SmplSequence<TArray>): MotionArray<TArray> {
  const e = aistppToEasymocap(seq);
  const data = allocLike(e.poses, e.frames * 78);
  for (let t = 0; t < e.frames; t++) {
    data.set(e.poses.subarray(t * 72 + 3, t * 72 + 72), t * 78 + 3);
    for (let c = 0; c < 3; c++) {
      data[t * 78 + 72 + c] = e.trans[t * 3 + c]!;
      data[t * 78 + 75 + c] = e.poses[t * 72 + c]!;
    }
  }
  return { name: "smpl78", frames: e.frames, dims: 78, fps: e.fps, data };
}

/** Options of `edge151`. */
export interface Edge151Options {
  /** Output rate; the input is decimated by `floor(fps / targetFps)` as EDGE does (60 → 30). Default 30. */
  readonly targetFps?: number;
  /** Per-frame foot displacement (metres) under which a foot is in contact. Default 0.01 (EDGE). */
  readonly contactThresholdM?: number;
}

/** EDGE's 151-d frames `[contacts(lankle, rankle, ltoes, rtoes) | root xyz | 24 × rot6d]`, z up. */
export function edge151<TArray extends FloatArray>(
  seq: SmplSequence<TArray>,
  options: Edge151Options = {},
): MotionArray<TArray> {
  const a = easymocapToAistpp(seq);
  const stride = Math.max(1, Math.floor(a.fps / (options.targetFps ?? 30)));
  const frames = Math.ceil(a.frames / stride);
  const poses = new Float64Array(frames * 72);
  const root = new Float64Array(frames * 3);
  const q = new Float64Array(4);
  const turned = new Float64Array(4);
  const m = new Float64Array(9);
  for (let t = 0; t < frames; t++) {
    const s = t * stride;
    for (let i = 0; i < 72; i++) poses[t * 72 + i] = a.poses[s * 72 + i]!;
    aaToQuat(poses, t * 72, q, 0);
    quatMul(upToZ, 0, q, 0, turned, 0);
    quatToAa(turned, 0, poses, t * 72);
    quatToMat(upToZ, 0, m, 0);
    const x = a.trans[s * 3]! / a.scaling,
      y = a.trans[s * 3 + 1]! / a.scaling,
      z = a.trans[s * 3 + 2]! / a.scaling;
    root[t * 3] = m[0]! * x + m[1]! * y + m[2]! * z;
    root[t * 3 + 1] = m[3]! * x + m[4]! * y + m[5]! * z;
    root[t * 3 + 2] = m[6]! * x + m[7]! * y + m[8]! * z;
  }
  const joints = forwardKinematics({ rotations: poses, rootPositions: root });
  const rot6d = axisAngleToRot6d(poses);
  const threshold = options.contactThresholdM ?? 0.01;
  const data = allocLike(a.poses, frames * 151);
  for (let t = 0; t < frames; t++) {
    smpl24FootJoints.forEach((j, k) => {
      // parity: the last frame has no next frame; EDGE leaves its displacement 0, so it is in contact
      let d = 0;
      if (t + 1 < frames) {
        const p = (t * 24 + j) * 3,
          n = ((t + 1) * 24 + j) * 3;
        d = Math.hypot(
          joints[n]! - joints[p]!,
          joints[n + 1]! - joints[p + 1]!,
          joints[n + 2]! - joints[p + 2]!,
        );
      }
      data[t * 151 + k] = d < threshold ? 1 : 0;
    });
    for (let c = 0; c < 3; c++) data[t * 151 + 4 + c] = root[t * 3 + c]!;
    for (let i = 0; i < 144; i++) data[t * 151 + 7 + i] = rot6d[t * 144 + i]!;
  }
  return { name: "edge151", frames, dims: 151, fps: a.fps / stride, data };
}

/** FACT's 219-d frames `[trans / scaling | 24 × rotation matrix (row-major)]` at the source rate. */
export function fact219<TArray extends FloatArray>(seq: SmplSequence<TArray>): MotionArray<TArray> {
  const a = easymocapToAistpp(seq);
  const mats = axisAngleToMatrix(a.poses);
  const data = allocLike(a.poses, a.frames * 219);
  for (let t = 0; t < a.frames; t++) {
    for (let c = 0; c < 3; c++) data[t * 219 + c] = a.trans[t * 3 + c]! / a.scaling;
    data.set(mats.subarray(t * 216, t * 216 + 216), t * 219 + 3);
  }
  return { name: "fact219", frames: a.frames, dims: 219, fps: a.fps, data };
}

/** Builds representation `name` of a sequence. */
export function motionRepresentation<TArray extends FloatArray>(
  seq: SmplSequence<TArray>,
  name: RepresentationName,
): MotionArray<TArray> {
  switch (name) {
    case "joints24":
      return joints24(seq);
    case "smpl78":
      return smpl78(seq);
    case "edge151":
      return edge151(seq);
    case "fact219":
      return fact219(seq);
  }
}
