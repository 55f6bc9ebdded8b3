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
export type { DatasetVerification, ShardCheck, ShardProblem } from "./verifyDataset.js";
export { manifestStage, ManifestParamsSchema, normalizationStatsStage, shardStage } from "./stages.js";
export type { ManifestParams } from "./stages.js";
export { planShard } from "./shardPlan.js";
export type { ShardPlan } from "./shardPlan.js";
export { renderCard } from "./card.js";
export {
  lmdDanceTrack,
  lmdMusic,
  lmdSequencesStage,
  lmdWindow,
  lrcToSlicedStage,
  pcmToWavStage,
} from "./justlmd.js";
export { aistppCutStage, aistppSongMusicStage, aistppWindowsStage, aistppWindowStage } from "./aistpp.js";
export { d2mClipStage, d2mVideoClipsStage, d2mVideoClipStage, d2mWindowTensors } from "./danceToMusic.js";
export { encodePickleDict } from "./pickleWriter.js";
export type { PickleArray, PickleWritable } from "./pickleWriter.js";
export { exportEdgeSliceStage, exportJustlmdDictStage } from "./exports.js";
export { videoSmplStage } from "./videoSmpl.js";
