/**
 * Delta features ported from librosa 0.11 `feature.delta` (width 9, order 1, mode "interp"), which is
 * `scipy.signal.savgol_filter(deriv=order, polyorder=order)`: a least-squares polynomial derivative over a sliding
 * window, and at the edges the derivative of the polynomial fitted to the first/last `width` frames. Along frames
 * of a [row][frame] matrix. Other savgol modes (mirror, nearest, wrap) are not ported.
 */
import { InvalidParameter } from "./errors.js";
import type { Spectrogram } from "./stft.js";

/** Solves the small dense system A·x = b in place (Gaussian elimination, partial pivoting). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[p * n + c]!)) p = r;
    for (let k = 0; k < n; k++) {
      const tmp = a[c * n + k]!;
      a[c * n + k] = a[p * n + k]!;
      a[p * n + k] = tmp;
    }
    const tb = b[c]!;
    b[c] = b[p]!;
    b[p] = tb;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c]! / a[c * n + c]!;
      for (let k = c; k < n; k++) a[r * n + k]! -= f * a[c * n + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * b[k]!;
    b[r] = s / a[r * n + r]!;
  }
  return b;
}

/**
 * Weights w[j] (j = 0..width−1) such that Σ w[j]·x[j] is the `deriv`-th derivative, at window position `at`, of
 * the degree-`polyorder` least-squares fit to x. Positions are centred on the window for conditioning.
 */
function savgolWeights(width: number, polyorder: number, deriv: number, at: number): Float64Array {
  const half = (width - 1) / 2;
  const m = polyorder + 1;
  const weights = new Float64Array(width);
  if (deriv > polyorder) return weights;
  // Derivative functional of the polynomial basis at `at`: d^deriv/dx^deriv x^i = i!/(i−deriv)! x^(i−deriv).
  const e = new Float64Array(m);
  const x0 = at - half;
  for (let i = deriv; i < m; i++) {
    let f = 1;
    for (let q = 0; q < deriv; q++) f *= i - q;
    e[i] = f * x0 ** (i - deriv);
  }
  // w = A (AᵀA)⁻¹ e, with A[j][i] = (j − half)^i.
  const ata = new Float64Array(m * m);
  for (let j = 0; j < width; j++) {
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) ata[r * m + c]! += (j - half) ** (r + c);
  }
  const z = solve(ata, e, m);
  for (let j = 0; j < width; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += z[i]! * (j - half) ** i;
    weights[j] = s;
  }
  return weights;
}

export interface DeltaOptions {
  /** Odd window width ≥ 3; default 9. */
  readonly width?: number;
  /** Derivative order; default 1. */
  readonly order?: number;
}

/** librosa `feature.delta(data, width=9, order=1, axis=-1, mode="interp")` along frames. float32 out. */
export function delta(data: Spectrogram, options: DeltaOptions = {}): Spectrogram {
  const width = options.width ?? 9;
  const order = options.order ?? 1;
  const t = data.nFrames;
  if (width < 3 || width % 2 !== 1)
    throw new InvalidParameter("width", `must be an odd integer ≥ 3, got ${width}`);
  if (order < 1 || !Number.isInteger(order))
    throw new InvalidParameter("order", `must be a positive integer, got ${order}`);
  if (width > t) throw new InvalidParameter("width", `${width} exceeds the ${t} frames (mode "interp")`);
  const half = (width - 1) / 2;
  const byPosition = Array.from({ length: width }, (_, p) => savgolWeights(width, order, order, p));
  const out = new Float32Array(data.data.length);
  for (let r = 0; r < data.nBins; r++) {
    const row = r * t;
    for (let i = 0; i < t; i++) {
      // parity: savgol "interp" evaluates the edge polynomial fit for the first and last `half` frames.
      const start = i < half ? 0 : i >= t - half ? t - width : i - half;
      const w = byPosition[i - start]!;
      let s = 0;
      for (let j = 0; j < width; j++) s += w[j]! * data.data[row + start + j]!;
      out[row + i] = s;
    }
  }
  return { data: out, nBins: data.nBins, nFrames: t };
}
