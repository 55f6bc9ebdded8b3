/**
 * Tagged errors of @choreo/features. Every message starts with `[features]` and names the file and the problem;
 * a cause is attached where there is one. Append new classes here and add them to `FeaturesError`.
 */
import { TaggedError } from "@choreo/core";

/** A file is not in the format its reader expects (truncated, garbled, wrong shape). */
export class InvalidFormat extends TaggedError {
  readonly _tag = "InvalidFormat";
  constructor(readonly file: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[features] ${file}: ${problem}`, options);
  }
}

/** The audio buffer holds NaN or ±Infinity samples (librosa's `valid_audio` ParameterError). */
export class NonFiniteAudio extends TaggedError {
  readonly _tag = "NonFiniteAudio";
  constructor(readonly index: number, options?: { cause?: unknown }) {
    super(`[features] audio is not finite everywhere (first bad sample at index ${index})`, options);
  }
}

/** A DSP parameter is out of range (librosa's ParameterError), e.g. n_fft larger than an uncentered signal. */
export class InvalidParameter extends TaggedError {
  readonly _tag = "InvalidParameter";
  constructor(readonly parameter: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[features] ${parameter}: ${problem}`, options);
  }
}

export type FeaturesError = InvalidFormat | NonFiniteAudio | InvalidParameter;

const featuresTags = new Set<string>(["InvalidFormat", "NonFiniteAudio", "InvalidParameter"]);

/** True for any error raised by @choreo/features. */
export function isFeaturesError(value: unknown): value is FeaturesError {
  return typeof value === "object" && value !== null && featuresTags.has((value as { _tag?: string })._tag ?? "");
}
