/**
 * Forward kinematics over a fixed-offset skeleton, the math of EDGE's `SMPLSkeleton.forward`
 * (Stanford-TML/EDGE `vis.py`, 2023): local axis-angle → quaternions; the root joint sits at the given root
 * position; every other joint is its parent's world position plus the parent's world rotation applied to
 * its rest offset; world rotations compose parent ⊗ local. No shape blend, no pelvis rest offset (EDGE
 * treats AIST++ `trans / scaling` as the root position). Computes in float64; output has the input's type.
 */
import { allocLike, type FloatArray } from "./rotations.js";
import { aaToQuat, quatApply, quatMul } from "./internal/rotationsKernel.js";
import { smpl24Parents, smpl24RestOffsetsM } from "./skeleton.js";

/** A kinematic tree with rest offsets (J×3, in the parent's frame). */
export interface KinematicTree {
  readonly parents: readonly number[];
  readonly offsets: Float64Array;
}

/** SMPL-24 with EDGE's rest offsets. */
export const smpl24Tree: KinematicTree = { parents: smpl24Parents, offsets: smpl24RestOffsetsM };

/** Checks that every parent comes before its child (FK and IK walk joints in index order). */
export function checkTree(tree: KinematicTree): number {
  const joints = tree.parents.length;
  if (tree.offsets.length !== joints * 3)
    throw new RangeError(`tree: ${joints} joints but ${tree.offsets.length / 3} offsets`);
  tree.parents.forEach((p, j) => {
    if (p >= j) throw new RangeError(`tree: parent ${p} of joint ${j} does not come first`);
  });
  return joints;
}

/** Input of `forwardKinematics`. */
export interface ForwardKinematicsInput<TArray extends FloatArray> {
  /** T×J×3 local axis-angle rotations (joint 0 = global orientation). */
  readonly rotations: TArray;
  /** T×3 root joint positions. */
  readonly rootPositions: FloatArray;
  readonly tree?: KinematicTree;
}

/** Joint world positions (T×J×3) from local rotations and root positions, as EDGE's `SMPLSkeleton.forward`. */
export function forwardKinematics<TArray extends FloatArray>(input: ForwardKinematicsInput<TArray>): TArray {
  const tree = input.tree ?? smpl24Tree;
  const joints = checkTree(tree);
  const frames = input.rotations.length / (joints * 3);
  if (!Number.isInteger(frames) || input.rootPositions.length !== frames * 3)
    throw new RangeError(
      `forwardKinematics: rotations (${input.rotations.length}) and root positions (${input.rootPositions.length}) disagree for ${joints} joints`,
    );
  const out = allocLike(input.rotations, frames * joints * 3);
  const local = new Float64Array(4);
  const world = new Float64Array(joints * 4);
  const pos = new Float64Array(joints * 3);
  const rotated = new Float64Array(3);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < joints; j++) {
      const parent = tree.parents[j]!;
      aaToQuat(input.rotations, (t * joints + j) * 3, local, 0);
      if (parent < 0) {
        world.set(local, j * 4);
        for (let c = 0; c < 3; c++) pos[j * 3 + c] = input.rootPositions[t * 3 + c]!;
      } else {
        quatApply(world, parent * 4, tree.offsets, j * 3, rotated, 0);
        for (let c = 0; c < 3; c++) pos[j * 3 + c] = rotated[c]! + pos[parent * 3 + c]!;
        quatMul(world, parent * 4, local, 0, world, j * 4);
      }
    }
    out.set(pos, t * joints * 3);
  }
  return out;
}
