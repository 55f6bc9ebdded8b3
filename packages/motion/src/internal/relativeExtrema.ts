/**
 * scipy.signal `argrelextrema(x, np.less, order, mode="clip")`: indices whose value is strictly below every
 * neighbour within `order` samples, with neighbour indices clipped into the array (so the first and last
 * samples never qualify and plateaus never count).
 */

/** Strict local minima of `x` with the given order (scipy's clip mode). */
export function relativeMinima(x: ArrayLike<number>, order: number): number[] {
  const n = x.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let keep = true;
    for (let s = 1; s <= order && keep; s++) {
      // A NaN neighbour or value fails `<`, as in numpy.
      if (!(v < x[Math.min(i + s, n - 1)]!) || !(v < x[Math.max(i - s, 0)]!)) keep = false;
    }
    if (keep) out.push(i);
  }
  return out;
}
