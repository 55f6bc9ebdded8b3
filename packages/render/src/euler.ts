/**
 * Rotation matrix → Tait-Bryan angles for the six BVH orders. Order "ABC" means R = R_A(a)·R_B(b)·R_C(c)
 * (the channels' listed order, as BVH readers such as three.js's BVHLoader and Blender compose them), the
 * decomposition of three.js `Euler.setFromRotationMatrix` written once for every axis permutation.
 * In gimbal lock (|middle angle| = 90°) the last angle is set to zero.
 */
import type { EulerOrder } from "./schema.js";

const axisIndex = { X: 0, Y: 1, Z: 2 } as const;

/** Angles (radians, in the order's axis order) of the row-major 3×3 matrix at `m[o..o+9]`, into `out[0..3]`. */
export function matrixToEuler(m: ArrayLike<number>, o: number, order: EulerOrder, out: Float64Array): void {
  const i = axisIndex[order[0] as "X"];
  const j = axisIndex[order[1] as "X"];
  const k = axisIndex[order[2] as "X"];
  const s = (j - i + 3) % 3 === 1 ? 1 : -1; // +1 for the cyclic orders XYZ, YZX, ZXY
  const r = (row: number, col: number): number => m[o + row * 3 + col]!;
  const sinB = Math.max(-1, Math.min(1, s * r(i, k)));
  out[1] = Math.asin(sinB);
  if (Math.abs(sinB) < 0.9999999) {
    out[0] = Math.atan2(-s * r(j, k), r(k, k));
    out[2] = Math.atan2(-s * r(i, j), r(i, i));
  } else {
    out[0] = Math.atan2(s * r(k, j), r(j, j));
    out[2] = 0;
  }
}

/** Row-major rotation matrix of Euler angles (radians) in `order`: R_A(a)·R_B(b)·R_C(c). */
export function eulerToMatrix(angles: readonly [number, number, number], order: EulerOrder): Float64Array {
  let m = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  for (let n = 0; n < 3; n++) {
    const axis = axisIndex[order[n] as "X"];
    const c = Math.cos(angles[n]!);
    const sn = Math.sin(angles[n]!);
    const rot = new Float64Array(9);
    rot[axis * 4] = 1;
    const p = (axis + 1) % 3;
    const q = (axis + 2) % 3;
    rot[p * 3 + p] = c;
    rot[p * 3 + q] = -sn;
    rot[q * 3 + p] = sn;
    rot[q * 3 + q] = c;
    const prod = new Float64Array(9);
    for (let r = 0; r < 3; r++)
      for (let col = 0; col < 3; col++)
        for (let t = 0; t < 3; t++) prod[r * 3 + col]! += m[r * 3 + t]! * rot[t * 3 + col]!;
    m = prod;
  }
  return m;
}
