export {
  EncodeFailed,
  InvalidRenderOption,
  isRenderError,
  ItemNotFound,
  UnsupportedRenderInput,
} from "./errors.js";
export type { RenderError } from "./errors.js";
export { defaultPreviewStyle, EulerOrderSchema, PreviewOptionsSchema } from "./schema.js";
export type {
  EulerOrder,
  Joints3dMotion,
  Keypoints2dMotion,
  PreviewMotion,
  PreviewOptionsInput,
  PreviewStyle,
} from "./schema.js";
export { clearCanvas, createCanvas, drawCapsule, drawDisc, drawText, fillRect, textWidth } from "./canvas.js";
export type { Canvas, Rgb } from "./canvas.js";
export { boundsOf, createCamera, fitCamera } from "./camera.js";
export type { Camera, CameraOptions, CameraView, FitCameraOptions } from "./camera.js";
export { boneColor, createPreviewRenderer, sideOf } from "./previewRenderer.js";
export type { PreviewRenderer, PreviewRendererOptions } from "./previewRenderer.js";
export { encodePreview } from "./encodePreview.js";
export type { EncodedPreview, EncodePreviewOptions } from "./encodePreview.js";
export { renderPreview } from "./renderPreview.js";
export { previewOptionsFromFlags } from "./previewFlags.js";
export type { PreviewFlags, PreviewFlagValues } from "./previewFlags.js";
export type { RenderPreviewOptions } from "./renderPreview.js";
export { formatSrt, lyricsOfLrc, readLyricsFile, srtTimestamp } from "./subtitles.js";
export { audioBeatTimes } from "./audioBeats.js";
export { eulerToMatrix, matrixToEuler } from "./euler.js";
export { bvhJointOrder, formatBvh, writeBvh } from "./bvh.js";
export type { BvhOptions } from "./bvh.js";
export { readShardItem, shardItemIds } from "./shardItem.js";
export type { ItemTensor, ShardItem } from "./shardItem.js";
export { previewMotionOfPoseJson, readRenderInput } from "./renderInput.js";
export {
  itemMotion,
  keypointsMotion,
  motionOfRows,
  previewMotionOfSmpl,
  smplOfMotionTensor,
} from "./itemMotion.js";
export type { ItemMotion } from "./itemMotion.js";
export type { ReadRenderInputOptions, RenderInput } from "./renderInput.js";
export { saveDatasetReport, writeDatasetReport } from "./datasetReport.js";
export type { DatasetReportOptions } from "./datasetReport.js";
export { collectReportData } from "./reportData.js";
export type {
  CollectReportOptions,
  ReportData,
  ReportManifest,
  SampleItem,
  ShardLocation,
  SplitSummary,
} from "./reportData.js";
export { beatAlignmentScore, motionSpeed, musicBeats, peaks, previewMotionBeats } from "./beatAlignment.js";
export { thumbnailDataUris } from "./thumbnails.js";
export { datasetReportStage, DatasetReportParamsSchema } from "./stages.js";
