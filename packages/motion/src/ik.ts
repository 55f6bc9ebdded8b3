/**
 * Inverse kinematics for a fixed-offset skeleton (SMPL-24 by default): joint positions (T×J×3) → local
 * axis-angle rotations (T×J×3, joint 0 = root orientation) and root positions (T×3), such that
 * `forwardKinematics` of the result lands on the targets when the bone lengths agree. Joints walk in tree
 * order: a joint with several children (pelvis, chest) takes the rotation that best maps its rest offsets
 * onto the observed child directions (Horn's closed form); a joint with one child takes the shortest-arc
 * swing from its parent's frame (twist about a bone cannot be observed from positions, so it is zero);
 * leaves keep the identity. Directions are measured from the re-posed parent, so errors do not pile up
 * along a chain when bone lengths differ. No joint limits, no temporal smoothing.
 */
import { checkTree, smpl24Tree, type KinematicTree } from "./kinematics.js";
import { allocLike, type FloatArray } from "./rotations.js";
import { fitRotation, swingBetween } from "./internal/ikKernel.js";
import { quatApply, quatMul, quatToAa } from "./internal/rotationsKernel.js";

/** Result of `inverseKinematics`. */
export interface IkResult<TArray extends FloatArray> {
  readonly frames: number;
  /** T×J×3 local axis-angle (T×72 for SMPL-24), angles in [0, π]. */
  readonly rotations: TArray;
  /** T×3 root joint positions (the targets' joint 0). */
  readonly rootPositions: TArray;
}

function childrenOf(parents: readonly number[]): number[][] {
  const children: number[][] = parents.map(() => []);
  parents.forEach((p, j) => {
    if (p >= 0) children[p]!.push(j);
  });
  return children;
}

/** Local rotations and root positions that reproduce joint positions `joints` (T×J×3) on `tree`. */
export function inverseKinematics<TArray extends FloatArray>(
  joints: TArray,
  tree: KinematicTree = smpl24Tree,
): IkResult<TArray> {
  const count = checkTree(tree);
  const frames = joints.length / (count * 3);
  if (!Number.isInteger(frames))
    throw new RangeError(`inverseKinematics: length ${joints.length} is not T×${count}×3`);
  const children = childrenOf(tree.parents);
  const rotations = allocLike(joints, frames * count * 3);
  const rootPositions = allocLike(joints, frames * 3);
  const world = new Float64Array(count * 4);
  const posed = new Float64Array(count * 3);
  const local = new Float64Array(4);
  const inverse = new Float64Array(4);
  const rest = new Float64Array(3 * 8);
  const target = new Float64Array(3 * 8);
  for (let t = 0; t < frames; t++) {
    const base = t * count * 3;
    for (let j = 0; j < count; j++) {
      const parent = tree.parents[j]!;
      if (parent < 0) {
        for (let c = 0; c < 3; c++) posed[j * 3 + c] = joints[base + j * 3 + c]!;
      } else {
        quatApply(world, parent * 4, tree.offsets, j * 3, posed, j * 3);
        for (let c = 0; c < 3; c++) posed[j * 3 + c]! += posed[parent * 3 + c]!;
      }
      const kids = children[j]!;
      // the observed child directions, seen from the re-posed joint
      kids.forEach((k, n) => {
        for (let c = 0; c < 3; c++) target[n * 3 + c] = joints[base + k * 3 + c]! - posed[j * 3 + c]!;
      });
      if (parent >= 0) {
        // into the parent's world frame: local rotations act there
        inverse.set([
          world[parent * 4]!,
          -world[parent * 4 + 1]!,
          -world[parent * 4 + 2]!,
          -world[parent * 4 + 3]!,
        ]);
        for (let n = 0; n < kids.length; n++) quatApply(inverse, 0, target, n * 3, target, n * 3);
      }
      if (kids.length >= 2) {
        kids.forEach((k, n) => rest.set(tree.offsets.subarray(k * 3, k * 3 + 3), n * 3));
        fitRotation(rest, target, kids.length, local, 0);
      } else if (kids.length === 1) {
        swingBetween(tree.offsets, kids[0]! * 3, target, 0, local, 0);
      } else {
        local.set([1, 0, 0, 0]);
      }
      if (parent < 0) world.set(local, j * 4);
      else quatMul(world, parent * 4, local, 0, world, j * 4);
      quatToAa(local, 0, rotations, base + j * 3);
    }
    for (let c = 0; c < 3; c++) rootPositions[t * 3 + c] = joints[base + c]!;
  }
  return { frames, rotations, rootPositions };
}
