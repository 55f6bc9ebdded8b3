/**
 * Greedy peak picking ported from librosa 0.11 `util.peak_pick` (the numba `__peak_pick` loop): x[n] is a peak when
 * it equals max(x[n−preMax : n+postMax]) and is ≥ mean(x[n−preAvg : n+postAvg]) + delta, slices clipped to the
 * array; after a peak the next `wait` samples are skipped; frame 0 is tested against the forward windows only.
 * Window sizes are ceil'ed to integers like librosa. One-dimensional input only.
 */
import { InvalidParameter } from "./errors.js";

export interface PeakPickOptions {
  readonly preMax: number;
  readonly postMax: number;
  readonly preAvg: number;
  readonly postAvg: number;
  readonly delta: number;
  readonly wait: number;
}

/** Mean of x[from:to] accumulated in float32, as numba's np.mean does for a float32 array. */
function meanF32(x: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s = Math.fround(s + x[i]!);
  return Math.fround(s / (to - from));
}

function maxOf(x: Float32Array, from: number, to: number): number {
  let m = -Infinity;
  for (let i = from; i < to; i++) if (x[i]! > m) m = x[i]!;
  return m;
}

/** librosa `util.peak_pick(x, pre_max, post_max, pre_avg, post_avg, delta, wait)`: sorted peak indices. */
export function peakPick(x: Float32Array, options: PeakPickOptions): Int32Array {
  const { delta } = options;
  if (options.preMax < 0 || options.preAvg < 0 || options.wait < 0 || delta < 0) {
    throw new InvalidParameter("peakPick", "pre_max, pre_avg, wait and delta must be non-negative");
  }
  if (options.postMax <= 0 || options.postAvg <= 0)
    throw new InvalidParameter("peakPick", "post_max and post_avg must be positive");
  const preMax = Math.ceil(options.preMax),
    postMax = Math.ceil(options.postMax);
  const preAvg = Math.ceil(options.preAvg),
    postAvg = Math.ceil(options.postAvg);
  const wait = Math.ceil(options.wait);
  const n = x.length;
  const peaks: number[] = [];
  if (n === 0) return new Int32Array(0);
  // parity: frame 0 compares against x[:post_max] and x[:post_avg] only.
  const first =
    x[0]! >= maxOf(x, 0, Math.min(postMax, n)) && x[0]! >= meanF32(x, 0, Math.min(postAvg, n)) + delta;
  if (first) peaks.push(0);
  let i = first ? wait + 1 : 1;
  while (i < n) {
    if (x[i]! !== maxOf(x, Math.max(0, i - preMax), Math.min(i + postMax, n))) {
      i++;
      continue;
    }
    if (!(x[i]! >= meanF32(x, Math.max(0, i - preAvg), Math.min(i + postAvg, n)) + delta)) {
      i++;
      continue;
    }
    peaks.push(i);
    i += wait + 1;
  }
  return Int32Array.from(peaks);
}
