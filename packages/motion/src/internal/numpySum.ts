/**
 * numpy's summation orders, so float32 reductions round where numpy's do: `pairwiseSum` is the unrolled
 * pairwise sum numpy uses along a contiguous axis (8 accumulators, blocks of 128), and reductions along
 * axis 0 of a C-ordered matrix are plain sequential sums over rows (done inline by callers).
 */

/** Rounding after each operation: `Math.fround` emulates float32, identity keeps float64. */
export type Round = (x: number) => number;

export const f64: Round = (x) => x;
export const f32: Round = Math.fround;

/** numpy `pairwise_sum` over `data[offset + k·stride]`, k < n, rounding each addition with `round`. */
export function pairwiseSum(
  data: ArrayLike<number>,
  offset: number,
  n: number,
  stride: number,
  round: Round,
): number {
  if (n < 8) {
    // parity: numpy starts the short loop from 0 (the reduction identity), not from the first element.
    let res = 0;
    for (let i = 0; i < n; i++) res = round(res + data[offset + i * stride]!);
    return res;
  }
  if (n <= 128) {
    const r = new Array<number>(8);
    for (let j = 0; j < 8; j++) r[j] = data[offset + j * stride]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = round(r[j]! + data[offset + (i + j) * stride]!);
    }
    let res = round(
      round(round(r[0]! + r[1]!) + round(r[2]! + r[3]!)) + round(round(r[4]! + r[5]!) + round(r[6]! + r[7]!)),
    );
    for (; i < n; i++) res = round(res + data[offset + i * stride]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(
    pairwiseSum(data, offset, n2, stride, round) +
      pairwiseSum(data, offset + n2 * stride, n - n2, stride, round),
  );
}
