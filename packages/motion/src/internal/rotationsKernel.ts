/**
 * Per-element rotation kernels on flat arrays with offsets (no allocation): the building blocks of the
 * batched conversions in `rotations.ts`, forward kinematics and inverse kinematics. Quaternions are
 * real-first (w, x, y, z) as in PyTorch3D; matrices are 3×3 row-major and act on column vectors.
 * Ported from the math of PyTorch3D `transforms/rotation_conversions.py` (v0.7); no code copied.
 */

/** A flat array of floats that the kernels read or write. */
export type FloatArray = Float32Array | Float64Array;

/** Axis-angle (3 at `i`) → unit quaternion (4 at `o`). */
export function aaToQuat(aa: ArrayLike<number>, i: number, out: FloatArray, o: number): void {
  const x = aa[i]!,
    y = aa[i + 1]!,
    z = aa[i + 2]!;
  const angle = Math.sqrt(x * x + y * y + z * z);
  // parity: PyTorch3D uses the Taylor series of sin(θ/2)/θ near zero
  const s = angle < 1e-6 ? 0.5 - (angle * angle) / 48 : Math.sin(angle / 2) / angle;
  out[o] = Math.cos(angle / 2);
  out[o + 1] = x * s;
  out[o + 2] = y * s;
  out[o + 3] = z * s;
}

/** Quaternion → axis-angle. Like PyTorch3D it keeps the sign of w, so angles may exceed π. */
export function quatToAa(q: ArrayLike<number>, i: number, out: FloatArray, o: number): void {
  const w = q[i]!,
    x = q[i + 1]!,
    y = q[i + 2]!,
    z = q[i + 3]!;
  const norm = Math.sqrt(x * x + y * y + z * z);
  const half = Math.atan2(norm, w);
  const angle = 2 * half;
  const s = Math.abs(angle) < 1e-6 ? 0.5 - (angle * angle) / 48 : Math.sin(half) / angle;
  out[o] = x / s;
  out[o + 1] = y / s;
  out[o + 2] = z / s;
}

/** Quaternion (normalised on the fly, as PyTorch3D's `two_s`) → row-major matrix. */
export function quatToMat(q: ArrayLike<number>, i: number, out: FloatArray, o: number): void {
  const w = q[i]!,
    x = q[i + 1]!,
    y = q[i + 2]!,
    z = q[i + 3]!;
  const s = 2 / (w * w + x * x + y * y + z * z);
  out[o] = 1 - s * (y * y + z * z);
  out[o + 1] = s * (x * y - z * w);
  out[o + 2] = s * (x * z + y * w);
  out[o + 3] = s * (x * y + z * w);
  out[o + 4] = 1 - s * (x * x + z * z);
  out[o + 5] = s * (y * z - x * w);
  out[o + 6] = s * (x * z - y * w);
  out[o + 7] = s * (y * z + x * w);
  out[o + 8] = 1 - s * (x * x + y * y);
}

/** Rotation matrix → unit quaternion with w ≥ 0 (Shepperd's method: the largest diagonal term first). */
export function matToQuat(m: ArrayLike<number>, i: number, out: FloatArray, o: number): void {
  const m00 = m[i]!,
    m01 = m[i + 1]!,
    m02 = m[i + 2]!;
  const m10 = m[i + 3]!,
    m11 = m[i + 4]!,
    m12 = m[i + 5]!;
  const m20 = m[i + 6]!,
    m21 = m[i + 7]!,
    m22 = m[i + 8]!;
  const trace = m00 + m11 + m22;
  let w: number, x: number, y: number, z: number;
  if (trace > m00 && trace > m11 && trace > m22) {
    const s = 2 * Math.sqrt(1 + trace);
    w = s / 4;
    x = (m21 - m12) / s;
    y = (m02 - m20) / s;
    z = (m10 - m01) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(Math.max(1 + m00 - m11 - m22, 0));
    w = (m21 - m12) / s;
    x = s / 4;
    y = (m01 + m10) / s;
    z = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(Math.max(1 + m11 - m00 - m22, 0));
    w = (m02 - m20) / s;
    x = (m01 + m10) / s;
    y = s / 4;
    z = (m12 + m21) / s;
  } else {
    const s = 2 * Math.sqrt(Math.max(1 + m22 - m00 - m11, 0));
    w = (m10 - m01) / s;
    x = (m02 + m20) / s;
    y = (m12 + m21) / s;
    z = s / 4;
  }
  const sign = w < 0 ? -1 : 1;
  const n = sign / Math.sqrt(w * w + x * x + y * y + z * z);
  out[o] = w * n;
  out[o + 1] = x * n;
  out[o + 2] = y * n;
  out[o + 3] = z * n;
}

/** Hamilton product a ⊗ b (apply b first, then a). `out` may alias neither input. */
export function quatMul(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  out: FloatArray,
  o: number,
): void {
  const aw = a[i]!,
    ax = a[i + 1]!,
    ay = a[i + 2]!,
    az = a[i + 3]!;
  const bw = b[j]!,
    bx = b[j + 1]!,
    by = b[j + 2]!,
    bz = b[j + 3]!;
  out[o] = aw * bw - ax * bx - ay * by - az * bz;
  out[o + 1] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 2] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 3] = aw * bz + ax * by - ay * bx + az * bw;
}

/** Rotates the vector v (3 at `j`) by q: q ⊗ (0, v) ⊗ q*, as PyTorch3D's `quaternion_apply`. */
export function quatApply(
  q: ArrayLike<number>,
  i: number,
  v: ArrayLike<number>,
  j: number,
  out: FloatArray,
  o: number,
): void {
  const w = q[i]!,
    x = q[i + 1]!,
    y = q[i + 2]!,
    z = q[i + 3]!;
  const vx = v[j]!,
    vy = v[j + 1]!,
    vz = v[j + 2]!;
  // t = 2 (q_xyz × v); v' = v + w t + q_xyz × t  (equal to the sandwich product for unit q)
  const tx = 2 * (y * vz - z * vy),
    ty = 2 * (z * vx - x * vz),
    tz = 2 * (x * vy - y * vx);
  out[o] = vx + w * tx + (y * tz - z * ty);
  out[o + 1] = vy + w * ty + (z * tx - x * tz);
  out[o + 2] = vz + w * tz + (x * ty - y * tx);
}

/** Row-major 3×3 matrix times vector. */
export function matApply(
  m: ArrayLike<number>,
  i: number,
  v: ArrayLike<number>,
  j: number,
  out: FloatArray,
  o: number,
): void {
  const vx = v[j]!,
    vy = v[j + 1]!,
    vz = v[j + 2]!;
  out[o] = m[i]! * vx + m[i + 1]! * vy + m[i + 2]! * vz;
  out[o + 1] = m[i + 3]! * vx + m[i + 4]! * vy + m[i + 5]! * vz;
  out[o + 2] = m[i + 6]! * vx + m[i + 7]! * vy + m[i + 8]! * vz;
}

/** 6D (first two matrix rows) → matrix by Gram-Schmidt, rows b1, b2, b1 × b2 (PyTorch3D semantics). */
export function rot6dToMat(d: ArrayLike<number>, i: number, out: FloatArray, o: number): void {
  let ax = d[i]!,
    ay = d[i + 1]!,
    az = d[i + 2]!;
  const n1 = Math.max(Math.sqrt(ax * ax + ay * ay + az * az), 1e-12); // parity: F.normalize eps
  ax /= n1;
  ay /= n1;
  az /= n1;
  const cx = d[i + 3]!,
    cy = d[i + 4]!,
    cz = d[i + 5]!;
  const dot = ax * cx + ay * cy + az * cz;
  let bx = cx - dot * ax,
    by = cy - dot * ay,
    bz = cz - dot * az;
  const n2 = Math.max(Math.sqrt(bx * bx + by * by + bz * bz), 1e-12);
  bx /= n2;
  by /= n2;
  bz /= n2;
  out[o] = ax;
  out[o + 1] = ay;
  out[o + 2] = az;
  out[o + 3] = bx;
  out[o + 4] = by;
  out[o + 5] = bz;
  out[o + 6] = ay * bz - az * by;
  out[o + 7] = az * bx - ax * bz;
  out[o + 8] = ax * by - ay * bx;
}
