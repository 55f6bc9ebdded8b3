/**
 * Tagged errors of @choreo/eval. Every message starts with `[eval]`; a cause is attached where there is one.
 * Degenerate *values* (no beats, constant motion) are not errors: metrics return NaN and report an
 * `EvalWarning` instead. These classes are for inputs that cannot be read or used at all.
 */
import { TaggedError } from "@choreo/core";

/** A motion, beat or image input has the wrong shape, dtype or layout for the metric. */
export class InvalidMotionInput extends TaggedError {
  readonly _tag = "InvalidMotionInput";
  constructor(
    readonly source: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[eval] ${source}: ${problem}`, options);
  }
}

/** A metric option is out of range (negative σ, unknown metric name, empty set where two are needed). */
export class InvalidMetricOption extends TaggedError {
  readonly _tag = "InvalidMetricOption";
  constructor(
    readonly option: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[eval] ${option}: ${problem}`, options);
  }
}

/** A file or folder given to the evaluator is missing or unreadable. */
export class EvalInputMissing extends TaggedError {
  readonly _tag = "EvalInputMissing";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[eval] ${file}: ${problem}`, options);
  }
}

/** The input needs SMPL forward kinematics ((T,72) axis-angle poses), which this build cannot run. */
export class ForwardKinematicsUnavailable extends TaggedError {
  readonly _tag = "ForwardKinematicsUnavailable";
  constructor(
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(
      `[eval] ${source}: SMPL poses need forward kinematics; pass joints (T,24,3) or flattened joints (T,72)`,
      options,
    );
  }
}

export type EvalError =
  InvalidMotionInput | InvalidMetricOption | EvalInputMissing | ForwardKinematicsUnavailable;

const tags = new Set([
  "InvalidMotionInput",
  "InvalidMetricOption",
  "EvalInputMissing",
  "ForwardKinematicsUnavailable",
]);

/** True when `value` is one of this package's errors (by tag). */
export function isEvalError(value: unknown): value is EvalError {
  return (
    typeof value === "object" && value !== null && tags.has((value as { _tag?: unknown })._tag as string)
  );
}
