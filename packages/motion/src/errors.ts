/**
 * Tagged errors of @choreo/motion. Every message starts with `[motion]` and names the file (or artifact) and
 * the problem; a cause is attached where there is one. Append new classes here and add them to `MotionError`.
 * Misuse (arrays whose length is not whole frames, a malformed kinematic tree) throws `RangeError` instead.
 */
import { TaggedError } from "@choreo/core";

/** A motion file or artifact is not SMPL parameters in a layout choreo reads (EasyMocap JSON, AIST++ pkl, .npy). */
export class UnsupportedMotion extends TaggedError {
  readonly _tag = "UnsupportedMotion";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[motion] ${file}: ${problem}`, options);
  }
}

export type MotionError = UnsupportedMotion;

const motionTags = new Set<string>(["UnsupportedMotion"]);

/** True for any error raised by @choreo/motion. */
export function isMotionError(value: unknown): value is MotionError {
  return (
    typeof value === "object" && value !== null && motionTags.has((value as { _tag?: string })._tag ?? "")
  );
}
