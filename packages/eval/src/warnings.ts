/**
 * Warnings for degenerate inputs. A metric that has no defined value (no beats, constant motion, NaN
 * positions, T < 3) returns NaN and calls `warn` once with a code the caller can count or print. Nothing
 * here throws; callers that want strictness turn warnings into errors themselves.
 */

export type EvalWarningCode =
  | "no-music-beats"
  | "no-motion-beats"
  | "too-short"
  | "non-finite-input"
  | "constant-motion"
  | "too-few-sequences"
  | "sampled-files";

/** One degenerate-input report: the metric, a code, and a sentence for people. */
export interface EvalWarning {
  readonly metric: string;
  readonly code: EvalWarningCode;
  readonly message: string;
}

/** Receives warnings; the default drops them. */
export type WarnFn = (warning: EvalWarning) => void;

export const ignoreWarnings: WarnFn = () => undefined;

/** True when any element is NaN or ±Infinity. */
export function hasNonFinite(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return true;
  return false;
}
