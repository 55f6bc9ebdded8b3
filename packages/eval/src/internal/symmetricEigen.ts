/**
 * Eigenvalues (and optionally eigenvectors) of a real symmetric matrix by the cyclic Jacobi method in
 * float64. Each sweep zeroes every off-diagonal pair with a plane rotation chosen for stability
 * (t = sgn(θ)/(|θ| + √(θ²+1))); it converges quadratically and is accurate to a few ulps of ‖A‖ for the
 * 6–72 dimensional covariances of the FID. Not meant for large or non-symmetric matrices.
 */

export interface SymmetricEigen {
  /** Eigenvalues, unsorted. */
  readonly values: Float64Array;
  /** Eigenvectors as columns of an n×n row-major matrix (`vectors[i·n + k]` = component i of vector k). */
  readonly vectors: Float64Array;
}

/** Jacobi eigendecomposition of the symmetric n×n row-major matrix `a` (not modified). */
export function symmetricEigen(a: Float64Array, n: number, maxSweeps = 100): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += m[p * n + p]! * m[p * n + p]!;
      for (let q = p + 1; q < n; q++) off += m[p * n + q]! * m[p * n + q]!;
    }
    if (off === 0 || off <= 1e-30 * diag) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(m, v, n, p, q);
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i]!;
  return { values, vectors: v };
}

/** One Jacobi rotation zeroing m[p][q]; updates m (both triangles) and the accumulated vectors v. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q]!;
  if (apq === 0) return;
  const app = m[p * n + p]!;
  const aqq = m[q * n + q]!;
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p]!;
    const mkq = m[k * n + q]!;
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k]!;
    const mqk = m[q * n + k]!;
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  m[p * n + q] = 0;
  m[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
