export { BACKENDS, checkBackend, describeGpu, initBackend, shutdownBackend } from "./backend.js";
export type { BackendChoice, BackendName, BackendOptions, BackendPreference } from "./backend.js";
export { probeGpu } from "./webgpu.js";
export type { GpuInfo } from "./webgpu.js";
export { AdamW, clipByGlobalNorm, Ema } from "./adamW.js";
export { learningRate } from "./lrSchedule.js";
export { openDataset } from "./dataset.js";
export type { ColumnStats, Dataset } from "./dataset.js";
export { createBatchStream } from "./batchStream.js";
export type { BatchStream, Cursor, Item } from "./batchStream.js";
export { batchInputs, createTaskSpec, normalize, rhythmInput, taskDims } from "./task.js";
export type { Affine, TaskSpec } from "./task.js";
export { CHECKPOINT_FORMAT, readCheckpoint, writeCheckpoint } from "./checkpoint.js";
export { checkpointFolder, locateRun } from "./runFolder.js";
export type { RunFolders } from "./runFolder.js";
export type { CheckpointData, CheckpointMeta } from "./checkpoint.js";
export { train } from "./trainer.js";
export type { TrainOptions, TrainResult, ValidationResult } from "./trainer.js";
export type { InterruptReason } from "./interrupts.js";
export { TrainConfig, TrainFile } from "./schema.js";
export { readTrainFile } from "./trainFile.js";
export type { ResolvedTrainConfig, TrainConfigInput } from "./schema.js";
export { resolveTrainConfig } from "./trainDefaults.js";
export { useFastWasmMatMul } from "./wasmMatMul.js";
export { createLocalEngine } from "./engine.js";
export type { Engine, StepOptions } from "./engine.js";
export { createParallelEngine } from "./parallelEngine.js";
export type { MicroBatch, TrainState } from "./replica.js";
export { meanPoseLoss } from "./baseline.js";
export {
  compareMotionEnergy,
  datasetMotionEnergy,
  describeMotionEnergy,
  describeSampleEnergy,
  jitterOf,
  motionEnergy,
} from "./motionEnergy.js";
export type { EnergyComparison } from "./motionEnergy.js";
export {
  BackendUnavailable,
  CheckpointInvalid,
  DatasetInvalid,
  GpuDeviceError,
  isTrainError,
  TrainConfigInvalid,
  TrainingDiverged,
  UnknownWindow,
} from "./errors.js";
export type { TrainError } from "./errors.js";
export { sampleFromCheckpoint } from "./sample.js";
export { readSongWindow } from "./songWindow.js";
export type { SongWindow } from "./songWindow.js";
export type { SampleOptions, Sampled } from "./sample.js";
