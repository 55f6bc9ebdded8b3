/**
 * Batched rotation conversions on flat typed arrays: axis-angle (n×3) ↔ quaternion (n×4, w first) ↔
 * matrix (n×9, row-major) ↔ 6D (n×6, the first two matrix *rows*, as PyTorch3D's `matrix_to_rotation_6d`,
 * which EDGE uses for its 151-d representation). The output has the input's type (Float32Array in,
 * Float32Array out); the arithmetic is done in float64 either way. Reference: PyTorch3D
 * `transforms/rotation_conversions.py` (v0.7), ported from its math. Euler angles are not handled.
 */
import {
  aaToQuat,
  matToQuat,
  quatMul,
  quatToAa,
  quatToMat,
  rot6dToMat,
  type FloatArray,
} from "./internal/rotationsKernel.js";

export type { FloatArray } from "./internal/rotationsKernel.js";

/** A new array of the same type as `like` with `length` elements. */
export function allocLike<TArray extends FloatArray>(like: TArray, length: number): TArray {
  return (like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length)) as TArray;
}

function countOf(input: FloatArray, width: number, name: string): number {
  if (input.length % width !== 0)
    throw new RangeError(`${name}: length ${input.length} is not a multiple of ${width}`);
  return input.length / width;
}

function mapRows<TArray extends FloatArray>(
  input: TArray,
  widths: readonly [number, number],
  name: string,
  kernel: (src: FloatArray, i: number, out: FloatArray, o: number) => void,
): TArray {
  const [inWidth, outWidth] = widths;
  const n = countOf(input, inWidth, name);
  const out = allocLike(input, n * outWidth);
  for (let k = 0; k < n; k++) kernel(input, k * inWidth, out, k * outWidth);
  return out;
}

/** Axis-angle (n×3, radians) → unit quaternions (n×4, w first). */
export function axisAngleToQuaternion<TArray extends FloatArray>(axisAngle: TArray): TArray {
  return mapRows(axisAngle, [3, 4], "axisAngleToQuaternion", aaToQuat);
}

/** Quaternions (n×4) → axis-angle (n×3); keeps the sign of w like PyTorch3D (angles up to 2π). */
export function quaternionToAxisAngle<TArray extends FloatArray>(quaternions: TArray): TArray {
  return mapRows(quaternions, [4, 3], "quaternionToAxisAngle", quatToAa);
}

/** Quaternions (n×4) → rotation matrices (n×9, row-major). */
export function quaternionToMatrix<TArray extends FloatArray>(quaternions: TArray): TArray {
  return mapRows(quaternions, [4, 9], "quaternionToMatrix", quatToMat);
}

/** Rotation matrices (n×9) → unit quaternions with w ≥ 0. */
export function matrixToQuaternion<TArray extends FloatArray>(matrices: TArray): TArray {
  return mapRows(matrices, [9, 4], "matrixToQuaternion", matToQuat);
}

/** Axis-angle (n×3) → rotation matrices (n×9), Rodrigues' formula through the quaternion. */
export function axisAngleToMatrix<TArray extends FloatArray>(axisAngle: TArray): TArray {
  const q = new Float64Array(4);
  return mapRows(axisAngle, [3, 9], "axisAngleToMatrix", (src, i, out, o) => {
    aaToQuat(src, i, q, 0);
    quatToMat(q, 0, out, o);
  });
}

/** Rotation matrices (n×9) → axis-angle (n×3) with angles in [0, π]. */
export function matrixToAxisAngle<TArray extends FloatArray>(matrices: TArray): TArray {
  const q = new Float64Array(4);
  return mapRows(matrices, [9, 3], "matrixToAxisAngle", (src, i, out, o) => {
    matToQuat(src, i, q, 0);
    quatToAa(q, 0, out, o);
  });
}

/** Rotation matrices (n×9) → 6D (n×6): the first two rows, flattened (PyTorch3D `matrix_to_rotation_6d`). */
export function matrixToRot6d<TArray extends FloatArray>(matrices: TArray): TArray {
  return mapRows(matrices, [9, 6], "matrixToRot6d", (src, i, out, o) => {
    for (let c = 0; c < 6; c++) out[o + c] = src[i + c]!;
  });
}

/** 6D (n×6) → rotation matrices (n×9) by Gram-Schmidt on the two rows (PyTorch3D `rotation_6d_to_matrix`). */
export function rot6dToMatrix<TArray extends FloatArray>(rot6d: TArray): TArray {
  return mapRows(rot6d, [6, 9], "rot6dToMatrix", rot6dToMat);
}

/** Axis-angle (n×3) → 6D (n×6), EDGE's `ax_to_6v`. */
export function axisAngleToRot6d<TArray extends FloatArray>(axisAngle: TArray): TArray {
  const q = new Float64Array(4);
  const m = new Float64Array(9);
  return mapRows(axisAngle, [3, 6], "axisAngleToRot6d", (src, i, out, o) => {
    aaToQuat(src, i, q, 0);
    quatToMat(q, 0, m, 0);
    for (let c = 0; c < 6; c++) out[o + c] = m[c]!;
  });
}

/** 6D (n×6) → axis-angle (n×3), EDGE's `ax_from_6v`. */
export function rot6dToAxisAngle<TArray extends FloatArray>(rot6d: TArray): TArray {
  const m = new Float64Array(9);
  const q = new Float64Array(4);
  return mapRows(rot6d, [6, 3], "rot6dToAxisAngle", (src, i, out, o) => {
    rot6dToMat(src, i, m, 0);
    matToQuat(m, 0, q, 0);
    quatToAa(q, 0, out, o);
  });
}

/** Element-wise Hamilton products a[k] ⊗ b[k] (n×4 each; b may hold one quaternion to broadcast). */
export function quaternionMultiply<TArray extends FloatArray>(a: TArray, b: FloatArray): TArray {
  const n = countOf(a, 4, "quaternionMultiply");
  const broadcast = b.length === 4;
  if (!broadcast && b.length !== a.length) throw new RangeError("quaternionMultiply: lengths differ");
  const out = allocLike(a, a.length);
  for (let k = 0; k < n; k++) quatMul(a, k * 4, b, broadcast ? 0 : k * 4, out, k * 4);
  return out;
}
