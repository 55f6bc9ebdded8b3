/**
 * SMPL motion conventions and the conversion between them (formats.md §1.4, §3):
 * - `aistpp`: poses[0:3] is SMPL's global orientation (a rotation about the pelvis), `trans` in the world
 *   unit of the file (AIST++: centimetres) with `scaling` to divide by, y up;
 * - `easymocap`: poses[0:3] holds EasyMocap's `Rh` (a rotation about the model origin, applied after the
 *   body is posed), `trans` is `Th` in camera coordinates (OpenCV: x right, y down, z forward), metres,
 *   scaling 1. This is the layout of ingest's `ingest.smplFull` artifact.
 * Converting needs the pelvis rest position J0; it depends on the body shape, and without the SMPL model
 * files we use the neutral mean-shape value (an approximation of a few millimetres for typical betas).
 * The y-down camera frame becomes y-up by a half turn about x (the person then faces +z, as in SMPL's rest pose).
 */
import { allocLike, type FloatArray } from "./rotations.js";
import { aaToQuat, matApply, quatMul, quatToAa, quatToMat } from "./internal/rotationsKernel.js";

/** How `poses[0:3]` and `trans` are to be read. */
export type SmplConvention = "aistpp" | "easymocap";

/** SMPL parameters over time: T×72 axis-angle (joint 0 = root orientation), T×3 translation. */
export interface SmplSequence<TArray extends FloatArray = FloatArray> {
  readonly frames: number;
  readonly fps: number;
  readonly poses: TArray;
  readonly trans: TArray;
  /** Divide `trans` by this to get metres (AIST++ `smpl_scaling`; 1 for EasyMocap). */
  readonly scaling: number;
  readonly convention: SmplConvention;
}

/** SMPL neutral model, mean shape: the pelvis joint's rest position (metres, y up). */
export const smplNeutralPelvisRestM: readonly [number, number, number] = [-0.001795, -0.223333, 0.028219];

/** Options of the convention conversions. */
export interface ConventionOptions {
  /** Pelvis rest position J0 (metres); default `smplNeutralPelvisRestM`. */
  readonly pelvisRestM?: readonly [number, number, number];
}

/** Half turn about x: camera (y down, z forward) ↔ y-up world. */
const flipX = Float64Array.from([0, 1, 0, 0]);

/** Checks lengths: T×72 poses and T×3 translations. */
export function checkSequence(seq: SmplSequence): void {
  if (seq.poses.length !== seq.frames * 72 || seq.trans.length !== seq.frames * 3)
    throw new RangeError(
      `SMPL sequence: ${seq.frames} frames but ${seq.poses.length} pose and ${seq.trans.length} translation values`,
    );
}

interface Rebase {
  /** root rotation in (already as quaternion) → new root rotation, written into q. */
  readonly rotation: (q: Float64Array) => Float64Array;
  /** (old root rotation matrix, new root rotation matrix, trans in metres) → new trans. */
  readonly translation: (
    oldRoot: Float64Array,
    newRoot: Float64Array,
    transM: Float64Array,
    out: Float64Array,
  ) => void;
}

function rebase<TArray extends FloatArray>(
  seq: SmplSequence<TArray>,
  convention: SmplConvention,
  fn: Rebase,
): SmplSequence<TArray> {
  checkSequence(seq);
  const poses = allocLike(seq.poses, seq.poses.length);
  poses.set(seq.poses);
  const trans = allocLike(seq.trans, seq.trans.length);
  const q = new Float64Array(4);
  const oldRoot = new Float64Array(9);
  const newRoot = new Float64Array(9);
  const t = new Float64Array(3);
  const out = new Float64Array(3);
  for (let f = 0; f < seq.frames; f++) {
    aaToQuat(seq.poses, f * 72, q, 0);
    quatToMat(q, 0, oldRoot, 0);
    const r = fn.rotation(q);
    if (r[0]! < 0) for (let c = 0; c < 4; c++) r[c] = -r[c]!; // same rotation, angle in [0, π]
    quatToMat(r, 0, newRoot, 0);
    quatToAa(r, 0, poses, f * 72);
    for (let c = 0; c < 3; c++) t[c] = seq.trans[f * 3 + c]! / seq.scaling;
    fn.translation(oldRoot, newRoot, t, out);
    trans.set(out, f * 3);
  }
  return { frames: seq.frames, fps: seq.fps, poses, trans, scaling: 1, convention };
}

/**
 * EasyMocap (Rh/Th, camera y down) → AIST++ (global orientation about the pelvis, y up, metres, scaling 1):
 * R' = Rx(π)·R(Rh), pelvis' = Rx(π)·(R(Rh)·J0 + Th), trans' = pelvis' − J0.
 */
export function easymocapToAistpp<TArray extends FloatArray>(
  seq: SmplSequence<TArray>,
  options: ConventionOptions = {},
): SmplSequence<TArray> {
  if (seq.convention === "aistpp") return seq;
  const j0 = options.pelvisRestM ?? smplNeutralPelvisRestM;
  const r = new Float64Array(4);
  const rj = new Float64Array(3);
  return rebase(seq, "aistpp", {
    rotation: (q) => {
      quatMul(flipX, 0, q, 0, r, 0);
      return r;
    },
    translation: (oldRoot, _newRoot, t, out) => {
      matApply(oldRoot, 0, j0, 0, rj, 0);
      // Rx(π)·v = (x, −y, −z)
      out[0] = rj[0]! + t[0]! - j0[0];
      out[1] = -(rj[1]! + t[1]!) - j0[1];
      out[2] = -(rj[2]! + t[2]!) - j0[2];
    },
  });
}

/** AIST++ → EasyMocap, the inverse of `easymocapToAistpp` (translation divided by `scaling` first). */
export function aistppToEasymocap<TArray extends FloatArray>(
  seq: SmplSequence<TArray>,
  options: ConventionOptions = {},
): SmplSequence<TArray> {
  if (seq.convention === "easymocap") return seq;
  const j0 = options.pelvisRestM ?? smplNeutralPelvisRestM;
  const r = new Float64Array(4);
  const rj = new Float64Array(3);
  return rebase(seq, "easymocap", {
    rotation: (q) => {
      quatMul(flipX, 0, q, 0, r, 0);
      return r;
    },
    translation: (_oldRoot, newRoot, t, out) => {
      matApply(newRoot, 0, j0, 0, rj, 0);
      out[0] = t[0]! + j0[0] - rj[0]!;
      out[1] = -(t[1]! + j0[1]) - rj[1]!;
      out[2] = -(t[2]! + j0[2]) - rj[2]!;
    },
  });
}
