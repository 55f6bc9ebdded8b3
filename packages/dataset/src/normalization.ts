/**
 * Normalization statistics per feature column over many (T, F) arrays: mean, std (population), min and max,
 * accumulated in float64 so the result does not depend on how items are batched. Computed on train only.
 */

export interface ColumnStats {
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly count: number;
}

/** Column statistics of row-major (rows, dims) arrays. */
export function columnStats(arrays: readonly Float32Array[], dims: number): ColumnStats {
  const sum = new Float64Array(dims);
  const sq = new Float64Array(dims);
  const min = new Float64Array(dims).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(dims).fill(Number.NEGATIVE_INFINITY);
  let count = 0;
  for (const a of arrays) {
    for (let r = 0; r + dims <= a.length; r += dims) {
      for (let c = 0; c < dims; c++) {
        const v = a[r + c]!;
        sum[c]! += v;
        sq[c]! += v * v;
        if (v < min[c]!) min[c] = v;
        if (v > max[c]!) max[c] = v;
      }
      count++;
    }
  }
  const mean = sum.map((s) => (count > 0 ? s / count : Number.NaN));
  const std = sq.map((s, c) =>
    count > 0 ? Math.sqrt(Math.max(0, s / count - mean[c]! * mean[c]!)) : Number.NaN,
  );
  return { mean, std, min, max, count };
}
