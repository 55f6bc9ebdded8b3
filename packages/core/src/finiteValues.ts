/**
 * The check every reader of motion or features makes where the values enter choreo: no NaN, no infinity
 * (a NaN frame would otherwise flow silently into .npy, BVH, videos and metrics). It reports the first bad
 * value; it does not clean or clamp.
 */
import { NonFiniteValues } from "./errors.js";

/** The index of the first NaN or ±Infinity in `data`, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is 0 for finite numbers and NaN for NaN and ±Infinity: one comparison per value.
    if (v - v !== 0) return i;
  }
  return -1;
}

/** Throws NonFiniteValues (naming `file` and `what`, e.g. "motion") at the first NaN or ±Infinity. */
export function assertFinite(data: ArrayLike<number>, file: string, what: string): void {
  const at = firstNonFinite(data);
  if (at >= 0) throw new NonFiniteValues(file, what, at, data[at]!);
}
