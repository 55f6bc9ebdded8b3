/**
 * FID_k / FID_g as Bailando computes them (`utils/metrics_new.py::{normalize, calc_fid}`, @cc90b98; mint's
 * `calculate_frechet_feature_distance` is the same quantity with the arguments swapped):
 * features normalised by the ground-truth set's mean and std (ddof 0, + 1e-10), then
 * ‖μ_g − μ_r‖² + tr Σ_g + tr Σ_r − 2 tr (Σ_g Σ_r)^{1/2} with sample covariances (ddof 1).
 * The float32 stages of the reference (normalisation, means, the squared mean difference) are emulated with
 * Math.fround; covariances and the trace are float64. The trace of the matrix square root uses symmetric
 * eigendecompositions (Σ_r^{1/2} Σ_g Σ_r^{1/2}) instead of scipy's Schur `sqrtm`, and is always real.
 */
import { symmetricEigen } from "./internal/symmetricEigen.js";
import { ignoreWarnings, type WarnFn } from "./warnings.js";

/** A set of feature vectors of one dimension, as rows. */
export type FeatureRows = readonly Float32Array[];

/** Per-column mean and std (ddof 0) of float32 rows, numpy float32 order (sequential over rows). */
export function float32ColumnStats(rows: FeatureRows): { mean: Float32Array; std: Float32Array } {
  const dim = rows[0]?.length ?? 0;
  const n = rows.length;
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  for (const r of rows) for (let d = 0; d < dim; d++) mean[d] = mean[d]! + r[d]!;
  for (let d = 0; d < dim; d++) mean[d] = mean[d]! / n;
  for (const r of rows) {
    for (let d = 0; d < dim; d++) {
      const x = Math.fround(r[d]! - mean[d]!);
      std[d] = std[d]! + Math.fround(x * x);
    }
  }
  for (let d = 0; d < dim; d++) std[d] = Math.sqrt(Math.fround(std[d]! / n));
  return { mean, std };
}

/** Bailando `normalize`: both sets scaled by the ground truth's mean and (std + 1e-10), float32. */
export function normalizeByGroundTruth(
  gt: FeatureRows,
  pred: FeatureRows,
): { gt: Float32Array[]; pred: Float32Array[] } {
  const { mean, std } = float32ColumnStats(gt);
  // parity: near-constant GT features explode after `/ (std + 1e-10)`; kept as in the reference.
  const denom = std.map((s) => s + 1e-10);
  const apply = (rows: FeatureRows): Float32Array[] =>
    rows.map((r) => r.map((v, d) => Math.fround(Math.fround(v - mean[d]!) / denom[d]!)));
  return { gt: apply(gt), pred: apply(pred) };
}

/** Sample covariance (ddof 1) in float64, as `np.cov(x, rowvar=False)` of float32 rows. */
export function covariance(rows: FeatureRows): Float64Array {
  const n = rows.length;
  const dim = rows[0]?.length ?? 0;
  const avg = new Float64Array(dim);
  for (const r of rows) for (let d = 0; d < dim; d++) avg[d] = avg[d]! + r[d]!;
  for (let d = 0; d < dim; d++) avg[d] = avg[d]! / n;
  const c = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (const r of rows) {
    for (let d = 0; d < dim; d++) x[d] = r[d]! - avg[d]!;
    for (let a = 0; a < dim; a++) {
      const xa = x[a]!;
      for (let b = a; b < dim; b++) c[a * dim + b] = c[a * dim + b]! + xa * x[b]!;
    }
  }
  // parity: np.cov multiplies by 1/(n − ddof) rather than dividing.
  const f = 1 / (n - 1);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      c[a * dim + b] = c[a * dim + b]! * f;
      c[b * dim + a] = c[a * dim + b]!;
    }
  }
  return c;
}

/** tr((A B)^{1/2}) for symmetric PSD A, B: Σ √max(0, λ(B^{1/2} A B^{1/2})). */
export function traceSqrtProduct(a: Float64Array, b: Float64Array, dim: number): number {
  const { values, vectors: v } = symmetricEigen(b, dim);
  const root = values.map((l) => Math.sqrt(Math.max(0, l)));
  const s = new Float64Array(dim * dim); // B^{1/2} = V diag(√λ) Vᵀ
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      let acc = 0;
      for (let k = 0; k < dim; k++) acc += v[i * dim + k]! * root[k]! * v[j * dim + k]!;
      s[i * dim + j] = acc;
      s[j * dim + i] = acc;
    }
  }
  const m = symmetrize(multiply(multiply(s, a, dim), s, dim), dim);
  let trace = 0;
  for (const l of symmetricEigen(m, dim).values) trace += Math.sqrt(Math.max(0, l));
  return trace;
}

function multiply(x: Float64Array, y: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let k = 0; k < dim; k++) {
      const xik = x[i * dim + k]!;
      if (xik === 0) continue;
      for (let j = 0; j < dim; j++) out[i * dim + j] = out[i * dim + j]! + xik * y[k * dim + j]!;
    }
  }
  return out;
}

function symmetrize(m: Float64Array, dim: number): Float64Array {
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      const avg = 0.5 * (m[i * dim + j]! + m[j * dim + i]!);
      m[i * dim + j] = avg;
      m[j * dim + i] = avg;
    }
  }
  return m;
}

export interface FrechetOptions {
  readonly warn?: WarnFn;
  /** Metric name used in warnings; default "fid". */
  readonly metric?: string;
}

/**
 * Bailando `calc_fid(gen, gt)` on already normalised features: float32 means and squared difference, float64
 * covariances and traces. NaN with a warning when either set has fewer than 2 rows or holds NaN.
 */
export function frechetDistance(gen: FeatureRows, gt: FeatureRows, options: FrechetOptions = {}): number {
  const warn = options.warn ?? ignoreWarnings;
  const metric = options.metric ?? "fid";
  if (gen.length < 2 || gt.length < 2) {
    warn({
      metric,
      code: "too-few-sequences",
      message: `needs ≥ 2 sequences per set, got ${gen.length} and ${gt.length}`,
    });
    return NaN;
  }
  const dim = gt[0]!.length;
  if ([...gen, ...gt].some((r) => r.some((v) => !Number.isFinite(v)))) {
    warn({ metric, code: "non-finite-input", message: "features hold NaN or infinite values" });
    return NaN;
  }
  const muGen = float32ColumnStats(gen).mean;
  const muGt = float32ColumnStats(gt).mean;
  let diffDot = 0;
  for (let d = 0; d < dim; d++) {
    const x = Math.fround(muGen[d]! - muGt[d]!);
    diffDot = Math.fround(diffDot + Math.fround(x * x));
  }
  const sGen = covariance(gen);
  const sGt = covariance(gt);
  let trGen = 0,
    trGt = 0;
  for (let d = 0; d < dim; d++) {
    trGen += sGen[d * dim + d]!;
    trGt += sGt[d * dim + d]!;
  }
  return diffDot + trGen + trGt - 2 * traceSqrtProduct(sGen, sGt, dim);
}

/** FID between predicted and ground-truth feature sets, normalised by the ground truth first (Bailando). */
export function fidFromFeatures(pred: FeatureRows, gt: FeatureRows, options: FrechetOptions = {}): number {
  const n = normalizeByGroundTruth(gt, pred);
  return frechetDistance(n.pred, n.gt, options);
}
