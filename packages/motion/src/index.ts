export { isMotionError, UnsupportedMotion } from "./errors.js";
export type { MotionError } from "./errors.js";
export {
  blazepose33,
  blazepose33Joints,
  coco17,
  coco17Joints,
  skeletonOf,
  smpl24,
  smpl24FootJoints,
  smpl24Joints,
  smpl24Parents,
  smpl24RestOffsetsM,
} from "./skeleton.js";
export type { Skeleton, SkeletonId } from "./skeleton.js";
export {
  blazepose33ToSmpl24,
  coco17ToSmpl24,
  coco17ToSmpl24Unobserved,
  mapToSmpl24,
} from "./skeletonMapping.js";
export type { JointBlend } from "./skeletonMapping.js";
export {
  allocLike,
  axisAngleToMatrix,
  axisAngleToQuaternion,
  axisAngleToRot6d,
  matrixToAxisAngle,
  matrixToQuaternion,
  matrixToRot6d,
  quaternionMultiply,
  quaternionToAxisAngle,
  quaternionToMatrix,
  rot6dToAxisAngle,
  rot6dToMatrix,
} from "./rotations.js";
export type { FloatArray } from "./rotations.js";
export { checkTree, forwardKinematics, smpl24Tree } from "./kinematics.js";
export type { ForwardKinematicsInput, KinematicTree } from "./kinematics.js";
export { inverseKinematics } from "./ik.js";
export type { IkResult } from "./ik.js";
export {
  aistppToEasymocap,
  checkSequence,
  easymocapToAistpp,
  smplNeutralPelvisRestM,
} from "./conventions.js";
export type { ConventionOptions, SmplConvention, SmplSequence } from "./conventions.js";
export { liftBlazePoseWorld, normalizeBoneLengths, smplFromCameraJoints, smplFromJoints } from "./lift.js";
export type { LiftOptions } from "./lift.js";
export { easyMocapCamera, intrinsicMatrix, rootTranslationFrom2d } from "./liftCamera.js";
export type { PinholeCamera, RootTranslationInput } from "./liftCamera.js";
export {
  edge151,
  fact219,
  joints24,
  motionRepresentation,
  representationDims,
  representationNames,
  smpl78,
} from "./representations.js";
export type { Edge151Options, MotionArray, RepresentationName } from "./representations.js";
export { parseMotion, readMotion } from "./motionFormats.js";
export type { ReadMotionOptions } from "./motionFormats.js";
export { formatEasyMocapSmpl, toSmplFullFrames, writeEasyMocapSmpl } from "./smplJson.js";
export type { SmplJsonOptions } from "./smplJson.js";
export { kinematicBeats, meanJointSpeed, summedJointSpeed } from "./kinematicBeats.js";
export type {
  JointsLayout,
  KinematicBeats,
  KinematicBeatsOptions,
  KinematicBeatsReference,
} from "./kinematicBeats.js";
export { motionConvertStage, motionFkStage, motionIkStage } from "./stages.js";
