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

export type FeaturesError = InvalidFormat;

const featuresTags = new Set<string>(["InvalidFormat"]);

/** True for any error raised by @choreo/features. */
export function isFeaturesError(value: unknown): value is FeaturesError {
  return typeof value === "object" && value !== null && featuresTags.has((value as { _tag?: string })._tag ?? "");
}
