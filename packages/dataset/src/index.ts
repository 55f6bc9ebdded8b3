export { planWindows } from "./windows.js";
export type { WindowPlan } from "./windows.js";
export { createRng, splitGroups } from "./splits.js";
export type { SplitName } from "./splits.js";
export { columnStats } from "./normalization.js";
export type { ColumnStats } from "./normalization.js";
export { openShardWriter } from "./shardWriter.js";
export type { ShardTensorSpec, ShardWriter } from "./shardWriter.js";
export { readSafetensorsHeader } from "./shardHeader.js";
export type { SafetensorsHeader } from "./shardHeader.js";
export { verifyDataset } from "./verifyDataset.js";
export { checkShardFile, readCheckedManifest } from "./checkedManifest.js";
export type { ShardCheckOptions } from "./checkedManifest.js";
export type { DatasetVerification, ShardCheck, ShardProblem } from "./verifyDataset.js";
export { manifestStage, ManifestParamsSchema, normalizationStatsStage, shardStage } from "./stages.js";
export type { ManifestParams } from "./stages.js";
export { planShard } from "./shardPlan.js";
export type { ShardPlan } from "./shardPlan.js";
export { renderCard } from "./card.js";
export {
  lmdDanceTrack,
  lmdMusic,
  computeLmdMusic,
  lmdSequencesStage,
  lmdWindow,
  lrcToSlicedStage,
  pcmToWavStage,
} from "./justlmd.js";
export {
  aistppCutStage,
  computeAistppMusic,
  aistppSongMusicStage,
  aistppWindowsStage,
  aistppWindowStage,
} from "./aistpp.js";
export type { AistppMusicOptions } from "./aistpp.js";
export {
  indvClipAudio,
  indvClipStage,
  indvVideoClipsStage,
  indvVideoClipStage,
  indvWindowTensors,
} from "./indv.js";
export { encodePickleDict } from "./pickleWriter.js";
export { smplMotionPickle, writeMotionFile } from "./motionFile.js";
export { describeFile } from "./describeFile.js";
export { describeValue } from "./describeValue.js";
export type { MotionWindow } from "./motionFile.js";
export type { PickleArray, PickleWritable } from "./pickleWriter.js";
export { exportEdgeSliceStage, exportJustlmdDictStage } from "./exports.js";
export {
  ColumnStatsSchema,
  columnIndex,
  ManifestSchema,
  ManifestSplitSchema,
  ManifestTensorSchema,
  NormalizationSchema,
  parseManifest,
  readManifest,
} from "./manifest.js";
export type { Manifest, ManifestInput } from "./manifest.js";
export { encodeTorchSave, pyFloat, torchSave, writeTorchSave } from "./torchSave.js";
export type {
  DeferredStorage,
  PyFloat,
  TorchDtype,
  TorchSaveOptions,
  TorchTensor,
  TorchValue,
} from "./torchSave.js";
export { openShardReader } from "./shardReader.js";
export type { ShardReader } from "./shardReader.js";
export {
  exportJustlmdPthStage,
  formatIndexingJson,
  justlmdPthFiles,
  JustlmdPthParamsSchema,
  writeJustlmdPth,
} from "./justlmdPth.js";
export type { JustlmdPthOptions } from "./justlmdPth.js";
export {
  bailandoDance,
  bailandoExportPath,
  bailandoFolder,
  bailandoSampleJson,
  BailandoParamsSchema,
  exportBailandoStage,
} from "./bailandoExport.js";
export type { BailandoSample } from "./bailandoExport.js";
export {
  ExportInputMismatch,
  ExportTooLarge,
  InvalidManifest,
  isDatasetError,
  MissingColumn,
  ShardMismatch,
  UnwritableValue,
} from "./errors.js";
export type { DatasetError } from "./errors.js";
export { AistppWindowsPlanSchema } from "./aistpp.js";
export type { AistppWindowsPlan } from "./aistpp.js";
export { IndvClipsPlanSchema } from "./indv.js";
export type { IndvClipsPlan } from "./indv.js";
export { LmdSequencesPlanSchema } from "./justlmd.js";
export type { LmdSequencesPlan } from "./justlmd.js";
