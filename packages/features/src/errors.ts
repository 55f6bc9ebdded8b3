/**
 * Tagged errors of @choreo/features. Every message starts with `[features]` and names the file and the problem;
 * a cause is attached where there is one. Append new classes here and add them to `FeaturesError`.
 */
import { TaggedError } from "@choreo/core";

/** A file is not in the format its reader expects (truncated, garbled, wrong shape). */
export class InvalidFormat extends TaggedError {
  readonly _tag = "InvalidFormat";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[features] ${file}: ${problem}`, options);
  }
}

/** The audio buffer holds NaN or ±Infinity samples (librosa's `valid_audio` ParameterError). */
export class NonFiniteAudio extends TaggedError {
  readonly _tag = "NonFiniteAudio";
  constructor(
    readonly index: number,
    options?: { cause?: unknown },
  ) {
    super(`[features] audio is not finite everywhere (first bad sample at index ${index})`, options);
  }
}

/** A DSP parameter is out of range (librosa's ParameterError), e.g. n_fft larger than an uncentered signal. */
export class InvalidParameter extends TaggedError {
  readonly _tag = "InvalidParameter";
  constructor(
    readonly parameter: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[features] ${parameter}: ${problem}`, options);
  }
}

/** A model folder (e.g. `bert-base-uncased`) is not on disk and downloading was not allowed. */
export class ModelNotFound extends TaggedError {
  readonly _tag = "ModelNotFound";
  constructor(
    readonly folder: string,
    readonly missing: string,
    options?: { cause?: unknown },
  ) {
    super(
      `[features] model folder ${folder}: ${missing} is missing (put the model files there, or pass allowDownload: true to fetch them)`,
      options,
    );
  }
}

/** Downloading a model's files from the hub failed (network, HTTP status). */
export class ModelDownloadFailed extends TaggedError {
  readonly _tag = "ModelDownloadFailed";
  constructor(
    readonly url: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[features] ${url}: ${problem}`, options);
  }
}

/** A model folder is present but transformers.js / onnxruntime cannot load or run it. */
export class ModelLoadFailed extends TaggedError {
  readonly _tag = "ModelLoadFailed";
  constructor(
    readonly folder: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[features] model folder ${folder}: ${problem}`, options);
  }
}

export type FeaturesError =
  InvalidFormat | NonFiniteAudio | InvalidParameter | ModelNotFound | ModelDownloadFailed | ModelLoadFailed;

const featuresTags = new Set<string>([
  "InvalidFormat",
  "NonFiniteAudio",
  "InvalidParameter",
  "ModelNotFound",
  "ModelDownloadFailed",
  "ModelLoadFailed",
]);

/** True for any error raised by @choreo/features. */
export function isFeaturesError(value: unknown): value is FeaturesError {
  return (
    typeof value === "object" && value !== null && featuresTags.has((value as { _tag?: string })._tag ?? "")
  );
}
