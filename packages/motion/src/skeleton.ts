/**
 * Skeleton definitions: SMPL-24 with EDGE's fixed rest offsets (Stanford-TML/EDGE `vis.py`, `smpl_joints`,
 * `smpl_parents`, `smpl_offsets`: metres, y-up, child minus parent in the parent's rest frame), COCO-17
 * (the AIST++ / MMPose keypoint order) and BlazePose-33 (MediaPipe Pose landmarks). Only names, parents,
 * drawing edges and rest offsets live here; the approximate joint mappings between them are in
 * `skeletonMapping.ts`. SMPL offsets are one body (no shape blend): EDGE's FK uses them for every motion.
 */

/** A skeleton: joint names, parent of each joint (-1 for a root) and the bones to draw. */
export interface Skeleton {
  readonly id: SkeletonId;
  readonly joints: readonly string[];
  /** Parent joint index, -1 for the root (COCO-17 and BlazePose-33 use a drawing tree rooted at the nose). */
  readonly parents: readonly number[];
  /** Bones as [parent, child] pairs (every joint with a parent). */
  readonly edges: readonly (readonly [number, number])[];
}

/** The skeletons choreo knows. */
export type SkeletonId = "smpl24" | "coco17" | "blazepose33";

function edgesOf(parents: readonly number[]): [number, number][] {
  return parents.flatMap((p, j) => (p < 0 ? [] : [[p, j] as [number, number]]));
}

function defineSkeleton(id: SkeletonId, joints: readonly string[], parents: readonly number[]): Skeleton {
  if (joints.length !== parents.length)
    throw new RangeError(`${id}: ${joints.length} names, ${parents.length} parents`);
  return { id, joints, parents, edges: edgesOf(parents) };
}

/** SMPL-24 joint names in EDGE's spelling (AIST++ README order). */
// prettier-ignore
export const smpl24Joints = [
  "root", "lhip", "rhip", "belly", "lknee", "rknee", "spine", "lankle", "rankle", "chest", "ltoes", "rtoes",
  "neck", "linshoulder", "rinshoulder", "head", "lshoulder", "rshoulder", "lelbow", "relbow", "lwrist",
  "rwrist", "lhand", "rhand",
] as const;

/** SMPL-24 kinematic tree (EDGE `smpl_parents`). */
// prettier-ignore
export const smpl24Parents: readonly number[] = [
  -1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21,
];

/** SMPL-24 rest offsets (24×3, metres, y-up), EDGE `smpl_offsets`; the root's is zero. */
// prettier-ignore
export const smpl24RestOffsetsM: Float64Array = Float64Array.from([
  0.0, 0.0, 0.0,
  0.05858135, -0.08228004, -0.01766408,
  -0.06030973, -0.09051332, -0.01354254,
  0.00443945, 0.12440352, -0.03838522,
  0.04345142, -0.38646945, 0.008037,
  -0.04325663, -0.38368791, -0.00484304,
  0.00448844, 0.1379564, 0.02682033,
  -0.01479032, -0.42687458, -0.037428,
  0.01905555, -0.4200455, -0.03456167,
  -0.00226458, 0.05603239, 0.00285505,
  0.04105436, -0.06028581, 0.12204243,
  -0.03483987, -0.06210566, 0.13032329,
  -0.0133902, 0.21163553, -0.03346758,
  0.07170245, 0.11399969, -0.01889817,
  -0.08295366, 0.11247234, -0.02370739,
  0.01011321, 0.08893734, 0.05040987,
  0.12292141, 0.04520509, -0.019046,
  -0.11322832, 0.04685326, -0.00847207,
  0.2553319, -0.01564902, -0.02294649,
  -0.26012748, -0.01436928, -0.03126873,
  0.26570925, 0.01269811, -0.00737473,
  -0.26910836, 0.00679372, -0.00602676,
  0.08669055, -0.01063603, -0.01559429,
  -0.0887537, -0.00865157, -0.01010708,
]);

/** SMPL-24 with EDGE's names and tree. */
export const smpl24: Skeleton = defineSkeleton("smpl24", smpl24Joints, smpl24Parents);

/** Joints EDGE uses for foot contacts, in its order: lankle, rankle, ltoes, rtoes. */
export const smpl24FootJoints: readonly number[] = [7, 8, 10, 11];

/** COCO-17 keypoint names (AIST++ keypoints2d/3d, MMPose, MoveNet). */
// prettier-ignore
export const coco17Joints = [
  "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
  "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee",
  "left_ankle", "right_ankle",
] as const;

/** COCO-17 as a drawing tree rooted at the nose. */
export const coco17: Skeleton = defineSkeleton(
  "coco17",
  coco17Joints,
  [-1, 0, 0, 1, 2, 0, 0, 5, 6, 7, 8, 5, 6, 11, 12, 13, 14],
);

/** BlazePose-33 landmark names (MediaPipe Pose). */
// prettier-ignore
export const blazepose33Joints = [
  "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
  "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow",
  "right_elbow", "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index",
  "left_thumb", "right_thumb", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
  "right_ankle", "left_heel", "right_heel", "left_foot_index", "right_foot_index",
] as const;

/** BlazePose-33 as a drawing tree rooted at the nose. */
// prettier-ignore
export const blazepose33: Skeleton = defineSkeleton("blazepose33", blazepose33Joints, [
  -1, 0, 1, 2, 0, 4, 5, 3, 6, 0, 0, 0, 0, 11, 12, 13, 14, 15, 16, 15, 16, 15, 16, 11, 12, 23, 24, 25, 26, 27,
  28, 27, 28,
]);

/** Looks a skeleton up by id. */
export function skeletonOf(id: SkeletonId): Skeleton {
  switch (id) {
    case "smpl24":
      return smpl24;
    case "coco17":
      return coco17;
    case "blazepose33":
      return blazepose33;
  }
}
