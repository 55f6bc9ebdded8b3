/**
 * Small solvers behind inverse kinematics: the rotation that best maps a set of rest vectors onto target
 * vectors (Horn 1987, closed-form quaternion: the top eigenvector of a 4×4 symmetric matrix, found by
 * cyclic Jacobi sweeps) and the minimal (swing-only) rotation between two directions.
 */
import type { FloatArray } from "./rotationsKernel.js";

/** Eigenvector of the largest eigenvalue of a symmetric 4×4 matrix (row-major, 16 values; destroyed). */
function topEigenvector4(a: Float64Array, out: FloatArray, o: number): void {
  const v = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < 4; p++) for (let q = p + 1; q < 4; q++) off += a[p * 4 + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < 4; p++) {
      for (let q = p + 1; q < 4; q++) {
        const apq = a[p * 4 + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * 4 + q]! - a[p * 4 + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < 4; k++) {
          const akp = a[k * 4 + p]!,
            akq = a[k * 4 + q]!;
          a[k * 4 + p] = c * akp - s * akq;
          a[k * 4 + q] = s * akp + c * akq;
        }
        for (let k = 0; k < 4; k++) {
          const apk = a[p * 4 + k]!,
            aqk = a[q * 4 + k]!;
          a[p * 4 + k] = c * apk - s * aqk;
          a[q * 4 + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = v[k * 4 + p]!,
            vkq = v[k * 4 + q]!;
          v[k * 4 + p] = c * vkp - s * vkq;
          v[k * 4 + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let k = 1; k < 4; k++) if (a[k * 5]! > a[best * 5]!) best = k;
  const sign = v[best]! < 0 ? -1 : 1; // w ≥ 0
  for (let k = 0; k < 4; k++) out[o + k] = sign * v[k * 4 + best]!;
}

/**
 * The unit quaternion R minimising Σ‖R·rest_i − target_i‖² over `count` vector pairs (3 values each,
 * packed). With two or more non-parallel pairs it is unique.
 */
export function fitRotation(
  rest: ArrayLike<number>,
  target: ArrayLike<number>,
  count: number,
  out: FloatArray,
  o: number,
): void {
  let sxx = 0,
    sxy = 0,
    sxz = 0,
    syx = 0,
    syy = 0,
    syz = 0,
    szx = 0,
    szy = 0,
    szz = 0;
  for (let k = 0; k < count; k++) {
    const ax = rest[k * 3]!,
      ay = rest[k * 3 + 1]!,
      az = rest[k * 3 + 2]!;
    const bx = target[k * 3]!,
      by = target[k * 3 + 1]!,
      bz = target[k * 3 + 2]!;
    sxx += ax * bx;
    sxy += ax * by;
    sxz += ax * bz;
    syx += ay * bx;
    syy += ay * by;
    syz += ay * bz;
    szx += az * bx;
    szy += az * by;
    szz += az * bz;
  }
  // prettier-ignore
  const n = new Float64Array([
    sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
    syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
    szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
    sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
  ]);
  topEigenvector4(n, out, o);
}

/** The shortest-arc unit quaternion turning direction `a` into direction `b` (identity if either is ~0). */
export function swingBetween(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  out: FloatArray,
  o: number,
): void {
  const ax = a[i]!,
    ay = a[i + 1]!,
    az = a[i + 2]!;
  const bx = b[j]!,
    by = b[j + 1]!,
    bz = b[j + 2]!;
  const na = Math.hypot(ax, ay, az),
    nb = Math.hypot(bx, by, bz);
  if (na < 1e-9 || nb < 1e-9) {
    out[o] = 1;
    out[o + 1] = 0;
    out[o + 2] = 0;
    out[o + 3] = 0;
    return;
  }
  const dot = (ax * bx + ay * by + az * bz) / (na * nb);
  let w = 1 + dot,
    x = (ay * bz - az * by) / (na * nb),
    y = (az * bx - ax * bz) / (na * nb),
    z = (ax * by - ay * bx) / (na * nb);
  if (w < 1e-12) {
    // opposite directions: half-turn about any axis perpendicular to a
    const px = Math.abs(ax) < 0.9 * na ? 1 : 0,
      py = px === 1 ? 0 : 1;
    w = 0;
    x = ay * 0 - az * py;
    y = az * px - ax * 0;
    z = ax * py - ay * px;
  }
  const n = Math.hypot(w, x, y, z);
  out[o] = w / n;
  out[o + 1] = x / n;
  out[o + 2] = y / n;
  out[o + 3] = z / n;
}
