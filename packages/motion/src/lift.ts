/**
 * From 3D landmarks to SMPL parameters: BlazePose-33 world landmarks (MediaPipe: metres, origin between the
 * hips, image axes x right / y down, z away from the camera) → SMPL-24 joints by the fixed blend of
 * `skeletonMapping.ts` → bone lengths set to EDGE's SMPL skeleton (directions kept, rebuilt from the root
 * outwards, so IK can meet them) → inverse kinematics → an SMPL sequence. `smplFromJoints` gives the
 * AIST++ convention in EDGE's frame (trans = root joint, so `joints24` returns the input joints);
 * `smplFromCameraJoints` gives EasyMocap's (Rh, Th = pelvis − R(Rh)·J0) for joints in camera coordinates.
 * No temporal filtering and no learned 2D→3D lifting: a missing landmark propagates as it is.
 */
import { smplNeutralPelvisRestM, type SmplSequence } from "./conventions.js";
import { inverseKinematics } from "./ik.js";
import { smpl24Tree, type KinematicTree } from "./kinematics.js";
import { axisAngleToMatrix, type FloatArray } from "./rotations.js";
import { blazepose33ToSmpl24, mapToSmpl24 } from "./skeletonMapping.js";

/**
 * Rebuilds each frame's joints (T×J×3) from the root outwards with the tree's bone lengths and the
 * observed bone directions; a zero-length observed bone takes the rest direction.
 */
export function normalizeBoneLengths(joints: FloatArray, tree: KinematicTree = smpl24Tree): Float64Array {
  const count = tree.parents.length;
  const out = new Float64Array(joints.length);
  for (let base = 0; base < joints.length; base += count * 3) {
    for (let j = 0; j < count; j++) {
      const p = tree.parents[j]!;
      const o = base + j * 3;
      if (p < 0) {
        for (let c = 0; c < 3; c++) out[o + c] = joints[o + c]!;
        continue;
      }
      const po = base + p * 3;
      const rest = tree.offsets.subarray(j * 3, j * 3 + 3);
      const length = Math.hypot(rest[0]!, rest[1]!, rest[2]!);
      let dx = joints[o]! - joints[po]!,
        dy = joints[o + 1]! - joints[po + 1]!,
        dz = joints[o + 2]! - joints[po + 2]!;
      let n = Math.hypot(dx, dy, dz);
      if (n < 1e-9) [dx, dy, dz, n] = [rest[0]!, rest[1]!, rest[2]!, length || 1];
      out[o] = out[po]! + (dx / n) * length;
      out[o + 1] = out[po + 1]! + (dy / n) * length;
      out[o + 2] = out[po + 2]! + (dz / n) * length;
    }
  }
  return out;
}

/** Options of `liftBlazePoseWorld`. */
export interface LiftOptions {
  /** Values per landmark in the input: 3 (x, y, z) or 4 (with visibility, ignored). Default 3. */
  readonly channels?: 3 | 4;
  /** Output axes: `camera` keeps MediaPipe's (y down), `yUp` turns half about x (SMPL/AIST++). Default `yUp`. */
  readonly axes?: "camera" | "yUp";
  /** Set bone lengths to EDGE's SMPL skeleton. Default true. */
  readonly normalizeBones?: boolean;
}

/** BlazePose world landmarks (T×33×channels) → SMPL-24 joints (T×24×3, metres). */
export function liftBlazePoseWorld(landmarks: FloatArray, options: LiftOptions = {}): Float64Array {
  const channels = options.channels ?? 3;
  const frames = landmarks.length / (33 * channels);
  if (!Number.isInteger(frames))
    throw new RangeError(`liftBlazePoseWorld: length ${landmarks.length} is not T×33×${channels}`);
  const xyz = new Float64Array(frames * 33 * 3);
  const flip = (options.axes ?? "yUp") === "yUp" ? -1 : 1;
  for (let k = 0; k < frames * 33; k++) {
    xyz[k * 3] = landmarks[k * channels]!;
    xyz[k * 3 + 1] = flip * landmarks[k * channels + 1]!;
    xyz[k * 3 + 2] = flip * landmarks[k * channels + 2]!;
  }
  const joints = mapToSmpl24(xyz, { sourceJoints: 33, dims: 3, mapping: blazepose33ToSmpl24 });
  return options.normalizeBones === false ? joints : normalizeBoneLengths(joints);
}

/** AIST++-convention SMPL (EDGE frame: trans = root joint, scaling 1) whose `joints24` are `joints` (T×24×3). */
export function smplFromJoints(joints: FloatArray, options: { fps: number }): SmplSequence<Float64Array> {
  const ik = inverseKinematics(Float64Array.from(joints));
  return {
    frames: ik.frames,
    fps: options.fps,
    poses: ik.rotations,
    trans: ik.rootPositions,
    scaling: 1,
    convention: "aistpp",
  };
}

/** EasyMocap-convention SMPL from physical joint positions in camera coordinates (T×24×3, y down). */
export function smplFromCameraJoints(
  joints: FloatArray,
  options: { fps: number; pelvisRestM?: readonly [number, number, number] },
): SmplSequence<Float64Array> {
  const j0 = options.pelvisRestM ?? smplNeutralPelvisRestM;
  const ik = inverseKinematics(Float64Array.from(joints));
  const roots = new Float64Array(ik.frames * 3);
  for (let t = 0; t < ik.frames; t++) roots.set(ik.rotations.subarray(t * 72, t * 72 + 3), t * 3);
  const m = axisAngleToMatrix(roots);
  const trans = new Float64Array(ik.frames * 3);
  for (let t = 0; t < ik.frames; t++) {
    for (let r = 0; r < 3; r++) {
      const rj = m[t * 9 + r * 3]! * j0[0] + m[t * 9 + r * 3 + 1]! * j0[1] + m[t * 9 + r * 3 + 2]! * j0[2];
      trans[t * 3 + r] = ik.rootPositions[t * 3 + r]! - rj;
    }
  }
  return {
    frames: ik.frames,
    fps: options.fps,
    poses: ik.rotations,
    trans,
    scaling: 1,
    convention: "easymocap",
  };
}
