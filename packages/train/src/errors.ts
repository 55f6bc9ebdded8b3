/**
 * Tagged errors of @choreo/train. Every message starts with `[train]`; a cause is attached where there is one.
 * Misconfiguration (an unusable backend, a bad dataset or checkpoint folder, a config that does not fit the
 * data) throws; a diverging run throws TrainingDiverged with the step.
 */
import { TaggedError } from "@choreo/core";

/** The asked-for TF.js backend could not be initialised (no GPU adapter, package missing, ...). */
export class BackendUnavailable extends TaggedError {
  readonly _tag = "BackendUnavailable";
  constructor(
    readonly backend: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] backend ${backend}: ${problem}`, options);
  }
}

/** The WebGPU device reported an error (validation, out of memory, device lost): results cannot be trusted. */
export class GpuDeviceError extends TaggedError {
  readonly _tag = "GpuDeviceError";
  constructor(
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] WebGPU device: ${problem}`, options);
  }
}

/** A dataset folder is missing its manifest or shards, or lacks a tensor a model needs. */
export class DatasetInvalid extends TaggedError {
  readonly _tag = "DatasetInvalid";
  constructor(
    readonly dir: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] dataset ${dir}: ${problem}`, options);
  }
}

/** A checkpoint folder is missing or does not match the model, optimizer or dataset it is resumed with. */
export class CheckpointInvalid extends TaggedError {
  readonly _tag = "CheckpointInvalid";
  constructor(
    readonly dir: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] checkpoint ${dir}: ${problem}`, options);
  }
}

/** A training config file or object is invalid (zod issues in `cause`). */
export class TrainConfigInvalid extends TaggedError {
  readonly _tag = "TrainConfigInvalid";
  /** A config value (file or flag): the CLI exits 2. */
  readonly usage = true;
  constructor(
    readonly source: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] config ${source}: ${problem}`, options);
  }
}

/** `--resume` with no checkpoint in the run folder: misuse (the CLI exits 2), not a fresh start. */
export class NothingToResume extends TaggedError {
  readonly _tag = "NothingToResume";
  readonly usage = true;
  constructor(readonly dir: string) {
    super(`[train] --resume: no checkpoint at ${dir} (train without --resume to start a new run)`);
  }
}

/** The loss became NaN or infinite. */
export class TrainingDiverged extends TaggedError {
  readonly _tag = "TrainingDiverged";
  constructor(
    readonly step: number,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] step ${step}: ${problem}`, options);
  }
}

/** A song or window to sample from that the dataset folder does not hold (or no folder to look in). */
export class UnknownWindow extends TaggedError {
  readonly _tag = "UnknownWindow";
  constructor(
    readonly song: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[train] song ${song}: ${problem}`, options);
  }
}

export type TrainError =
  | BackendUnavailable
  | GpuDeviceError
  | DatasetInvalid
  | CheckpointInvalid
  | TrainConfigInvalid
  | NothingToResume
  | TrainingDiverged
  | UnknownWindow;

const tags = new Set<string>([
  "BackendUnavailable",
  "GpuDeviceError",
  "DatasetInvalid",
  "CheckpointInvalid",
  "TrainConfigInvalid",
  "NothingToResume",
  "TrainingDiverged",
  "UnknownWindow",
]);

/** True for any error raised by @choreo/train. */
export function isTrainError(value: unknown): value is TrainError {
  return typeof value === "object" && value !== null && tags.has((value as { _tag?: string })._tag ?? "");
}
