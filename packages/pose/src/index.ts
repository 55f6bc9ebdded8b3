export { isPoseError } from "./errors.js";
export type { PoseError } from "./errors.js";
export { poseEstimate2dStage } from "./stages.js";
export { smpl78OfTrack, videoSmplStage } from "./videoSmpl.js";
export type { BlazePoseTrack } from "./videoSmpl.js";
export { estimatePoses, isImageFile } from "./estimatePoses.js";
export type { EstimatePosesOptions } from "./estimatePoses.js";
export { PoseEstimateParams, poseEstimateJson } from "./estimateSchema.js";
export type { PoseEstimate, PoseEstimateParamsInput, PoseJsonFrame } from "./estimateSchema.js";
export { coco17Names, poseModelNames } from "./estimateTypes.js";
export type {
  Coco17Name,
  CropRegion,
  FrameEstimate,
  FramePoseModel,
  PoseModelName,
  RgbFrame,
} from "./estimateTypes.js";
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
export {
  BackendUnavailable,
  ModelLoadFailed,
  PoseWorkerFailed,
  UnsupportedInput,
  UnsupportedPoseTrack,
} from "./errors.js";
