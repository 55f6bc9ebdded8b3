export { isPoseError, UnsupportedMotion } from "./errors.js";
export type { PoseError } from "./errors.js";
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
export { poseConvertStage, poseEstimate2dStage, poseFkStage, poseIkStage } from "./stages.js";
export { estimatePoses, isImageFile } from "./estimatePoses.js";
export type { EstimatePosesOptions } from "./estimatePoses.js";
export { PoseEstimateParams, poseEstimateJson } from "./estimateSchema.js";
export type { PoseEstimate, PoseEstimateParamsInput, PoseJsonFrame } from "./estimateSchema.js";
export { coco17Names, poseModelNames } from "./estimateTypes.js";
export type { Coco17Name, CropRegion, FrameEstimate, FramePoseModel, PoseModelName, RgbFrame } from "./estimateTypes.js";
export { poseEstimateArtifact, poseEstimateTools } from "./estimateArtifact.js";
export { initBackend } from "./backend.js";
export type { PoseBackend, PoseBackendPreference } from "./backend.js";
export { modelJsonPath, modelWeightsDigest } from "./backendModels.js";
export type { GraphModelName } from "./backendModels.js";
export { createMoveNet } from "./movenet.js";
export type { MoveNetVariant } from "./movenet.js";
export { blazeposeToCoco17, createBlazePose } from "./blazepose.js";
export { createPersonDetector } from "./detector.js";
export type { PersonDetector } from "./detector.js";
export { initialCropRegion, isIdentityJump, nextCropRegion } from "./tracking.js";
export { smoothKeypoints } from "./oneEuro.js";
export type { OneEuroOptions } from "./oneEuro.js";
export { clipFlags, clipQuality, frameFlags, frameQuality, meanScore } from "./quality.js";
export type { ClipFlag, FrameFlag, QualityThresholds } from "./quality.js";
export { createPoseWorkers } from "./poseWorker.js";
export type { FrameChunk, PoseWorkers } from "./poseWorker.js";
export { BackendUnavailable, ModelLoadFailed, PoseWorkerFailed, UnsupportedInput } from "./errors.js";
