/**
 * scipy.ndimage `gaussian_filter1d(x, sigma, mode="reflect", truncate=4.0)` (scipy 1.17) on float32 input:
 * the kernel is built and normalised in float64, the line is filtered in float64 with scipy's symmetric
 * loop order, and the result is cast back to float32 as scipy does for a float32 array.
 */
import { pairwiseSum, f64 } from "./numpySum.js";

/** The normalised Gaussian kernel of radius `int(truncate·σ + 0.5)`, index 0 = offset −radius. */
export function gaussianKernel(sigma: number, truncate = 4): Float64Array {
  const radius = Math.trunc(truncate * sigma + 0.5);
  const w = new Float64Array(2 * radius + 1);
  const scale = -0.5 / (sigma * sigma);
  for (let k = -radius; k <= radius; k++) w[k + radius] = Math.exp(scale * k * k);
  const sum = pairwiseSum(w, 0, w.length, 1, f64);
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / sum;
  return w;
}

/** Half-sample symmetric index (`d c b a | a b c d | d c b a`), valid for any distance outside [0, n). */
function reflectIndex(i: number, n: number): number {
  const period = 2 * n;
  const j = ((i % period) + period) % period;
  return j < n ? j : period - 1 - j;
}

/** Gaussian smoothing of a float32 signal, float32 out (scipy's cast back). */
export function gaussianFilter1d(x: Float32Array, sigma: number, truncate = 4): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  const w = gaussianKernel(sigma, truncate);
  const r = (w.length - 1) / 2;
  for (let t = 0; t < n; t++) {
    // parity: scipy's symmetric correlate1d: centre term first, then pairs from the farthest offset inward.
    let acc = x[t]! * w[r]!;
    for (let k = r; k >= 1; k--) acc += (x[reflectIndex(t - k, n)]! + x[reflectIndex(t + k, n)]!) * w[r - k]!;
    out[t] = acc;
  }
  return out;
}
