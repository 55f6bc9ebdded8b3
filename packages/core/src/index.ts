export { TaggedError, exitCodeOf, isTagged, isUsageError, tagOf } from "./taggedError.js";
export {
  ActionFailed,
  BuildFailed,
  CanonicalJsonError,
  Cancelled,
  InvalidArtifact,
  InvalidJsonFile,
  InvalidOption,
  InvalidSafetensors,
  InvalidStageUse,
  LockTimeout,
  NonFiniteValues,
  NotRegularFile,
  StoreBusy,
  StoreCorrupt,
  StoreUnwritable,
  UnsafePathSegment,
  describeCause,
  isCoreError,
} from "./errors.js";
export type { CoreError } from "./errors.js";
export { canonicalJson } from "./canonicalJson.js";
export {
  digestFile,
  digestFileSync,
  digestHex,
  digestJson,
  digestOf,
  isDigest,
  sha256Hex,
} from "./digest.js";
export type { Digest } from "./digest.js";
export {
  ArtifactKindSchema,
  ArtifactSchema,
  DigestSchema,
  FeaturesMetaSchema,
  Joints3dMetaSchema,
  kindMetaSchemas,
  metaOf,
  Pose2dMetaSchema,
  ShardMetaSchema,
  validateMeta,
  WindowMetaSchema,
  JsonSchema,
  LyricsSchema,
  MediaMetaSchema,
  PcmMetaSchema,
  SliceSchema,
  SlicesSchema,
  SmplMetaSchema,
  artifactKinds,
  metaString,
  describeZodIssues,
  parseArtifactJson,
} from "./schema.js";
export type { Artifact, ArtifactKind, Json, KindWithMeta, Lyrics, MetaOf, Slice, Slices } from "./schema.js";
export {
  decodeSafetensors,
  dtypeSize,
  encodeSafetensors,
  safetensorsHeader,
  shapeSize,
} from "./safetensors.js";
export type { DType, Tensor, TypedArray } from "./safetensors.js";
export {
  checkSafetensorsPrefix,
  maxSafetensorsHeaderBytes,
  parseSafetensorsLayout,
} from "./safetensorsLayout.js";
export type { SafetensorsEntry, SafetensorsLayout } from "./safetensorsLayout.js";
export { maxJsonDepth, parseJsonText, readJsonFile } from "./jsonFile.js";
export { describeValue, formatZodIssues, issuePath } from "./zodIssues.js";
export type { FormatIssuesOptions } from "./zodIssues.js";
export { parseNumberOption } from "./numberOption.js";
export type { NumberSchema } from "./numberOption.js";
export { assertFinite, firstNonFinite } from "./finiteValues.js";
export { assertPathSegment, isPathSegment } from "./pathSegment.js";
export { assertRegularFile } from "./regularFile.js";
export { openStore } from "./store.js";
export type { ActionEntry, ActionPreimage, Store, StoreOptions } from "./store.js";
export { verificationCost } from "./internal/blobFile.js";
export type { BlobProblem, VerificationCost } from "./internal/blobFile.js";
export { lockStore, sharedHolders, waitForStoreLock } from "./storeLock.js";
export type { StoreLock, StoreLockMode } from "./storeLock.js";
export { verifyStore } from "./verifyStore.js";
export type { BadBlob, StoreVerification } from "./verifyStore.js";
export { defineStage, isStage } from "./stage.js";
export type {
  ArtifactsOf,
  KindSpec,
  Resources,
  SlotSpecs,
  Stage,
  StageContext,
  StageDefinition,
} from "./stage.js";
export { createStageContext } from "./stageContext.js";
export { Build, createBuild } from "./build.js";
export type { ActionStatus, BuildOptions, BuildSummary, RunRequest } from "./build.js";
export type { ActionState, BuildEvent } from "./events.js";
export { createResourcePool } from "./resourcePool.js";
export type { PoolSizes, ResourcePool } from "./resourcePool.js";
export { createWorkerPool } from "./workerPool.js";
export type { WorkerPool } from "./workerPool.js";
export { listRefs, readRef, writeRef } from "./refs.js";
export type { RefRecord } from "./refs.js";
export { refActions, writeBuildRef } from "./buildRef.js";
export type { BuildRefOptions } from "./buildRef.js";
export { buildStatus, classifyStatuses } from "./buildStatus.js";
export type { BuildStatusOptions } from "./buildStatus.js";
export { runBuild } from "./runBuild.js";
export type { BuildOutcome, RunBuildOptions } from "./runBuild.js";
export { activeBuilds, collectGarbage, markBuilding, parseSize } from "./gc.js";
export {
  buildSummaryJson,
  createProgressDisplay,
  formatStatusTable,
  formatStoreVerification,
  formatSummary,
} from "./buildReport.js";
export type { ProgressDisplay } from "./buildReport.js";
export type { GcOptions, GcResult } from "./gc.js";
export {
  checkPackageStageLock,
  checkStageLock,
  discoverStageModules,
  packageStageFingerprints,
  readStageLock,
  stageDefinitions,
  stageFingerprints,
  stageFingerprintsOfFile,
  updateStageLock,
  writeStageLock,
} from "./stageLock.js";
export { codeClosure, findWorkspaceRoot } from "./codeClosure.js";
export { formatCommandHelp, formatCommandIndex } from "./commandHelp.js";
export type { CommandHelpInput } from "./commandHelp.js";
export type { StageLock, StageLockEntry } from "./stageLock.js";
export {
  datasetVersionsDir,
  faultKillHook,
  isLinkedDataset,
  materialize,
  materializeDataset,
} from "./datasetFolder.js";
export type { DatasetFile, MaterializeOptions } from "./datasetFolder.js";
export {
  defineCommand,
  flagText,
  numberFlag,
  runCommandLine,
  stringFlag,
  stringOptions,
} from "./commandLine.js";
export type { Command, CommandContext, CommandOptions } from "./commandLine.js";
