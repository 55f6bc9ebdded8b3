export {
  EvalInputMissing,
  ForwardKinematicsUnavailable,
  InvalidMetricOption,
  InvalidMotionInput,
  isEvalError,
} from "./errors.js";
export type { EvalError } from "./errors.js";
export { hasNonFinite, ignoreWarnings } from "./warnings.js";
export type { EvalWarning, EvalWarningCode, WarnFn } from "./warnings.js";
export { createJointSequence, cropFrames, dropFrames, subtractInitialRoot } from "./jointSequence.js";
export type { JointSequence } from "./jointSequence.js";
export { basBailando, basFact } from "./beatAlign.js";
export type { BasBailandoOptions, BasFactOptions, BeatAlignOptions, BeatAlignResult } from "./beatAlign.js";
export { kineticFeatures } from "./kineticFeatures.js";
export type { FeatureMode, KineticOptions } from "./kineticFeatures.js";
export { geometricFeatures } from "./geometricFeatures.js";
export type { GeometricOptions } from "./geometricFeatures.js";
export {
  covariance,
  fidFromFeatures,
  float32ColumnStats,
  frechetDistance,
  normalizeByGroundTruth,
  traceSqrtProduct,
} from "./frechetDistance.js";
export type { FeatureRows, FrechetOptions } from "./frechetDistance.js";
export { averagePairwiseDistance } from "./diversity.js";
export { footContactScore, pfc, samplePfcFiles } from "./footContact.js";
export type { PfcOptions } from "./footContact.js";
export { loadMotionDir, loadMotionFile, MOTION_EXTENSIONS } from "./loadMotion.js";
export type { NamedMotion } from "./loadMotion.js";
export {
  beatFramesFromArray,
  beatFramesFromAudio,
  beatFramesFromOneHot,
  beatsFor,
  loadMusicBeats,
} from "./musicBeats.js";
export type { AudioBeatOptions, MusicBeatSource } from "./musicBeats.js";
export {
  DEFAULT_MOTION_METRICS,
  EvaluateMotionOptions,
  MOTION_METRICS,
  MotionMetric,
  motionOptionsFromFlags,
} from "./schema.js";
export { evaluateMotion } from "./evaluateMotion.js";
export type { EvaluateMotionInput, MotionEvaluation } from "./evaluateMotion.js";
export { evaluationHtml, evaluationJson, evaluationText, writeEvaluationReport } from "./report.js";
export { beatBins, beatOnsetTimes, beatScoreResolutionHz, beatScores, meanBeatScores } from "./beatScores.js";
export type { BeatScores, BeatScoreVariant } from "./beatScores.js";
export { avAlign, frameDifferenceTrack, motionPeakTimes } from "./avAlign.js";
export type { AvAlignOptions } from "./avAlign.js";
export { MM_ALIGN_2D_LABEL, mmAlign2d } from "./mmAlign2d.js";
export { psnr, ssim } from "./imageQuality.js";
export type { ImageShape, SsimOptions } from "./imageQuality.js";
