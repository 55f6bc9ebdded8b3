import { describe, expect, it } from "vitest";
import {
  axisAngleToMatrix,
  axisAngleToQuaternion,
  axisAngleToRot6d,
  matrixToAxisAngle,
  matrixToQuaternion,
  matrixToRot6d,
  quaternionMultiply,
  quaternionToAxisAngle,
  quaternionToMatrix,
  rot6dToAxisAngle,
  rot6dToMatrix,
} from "./rotations.js";

/** Deterministic axis-angles with angles in (0, π) (a small LCG, so failures reproduce). */
function randomAxisAngles(n: number): Float64Array {
  let s = 12345;
  const rand = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = new Float64Array(n * 3);
  for (let k = 0; k < n; k++) {
    const [x, y, z] = [rand() - 0.5, rand() - 0.5, rand() - 0.5];
    const angle = 0.001 + rand() * (Math.PI - 0.002);
    const norm = Math.hypot(x, y, z);
    out.set([(x / norm) * angle, (y / norm) * angle, (z / norm) * angle], k * 3);
  }
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe("rotation conversions", () => {
  const aa = randomAxisAngles(500);

  it("round-trips axis-angle through quaternions, matrices and 6D (float64, 1e-9)", () => {
    expect(maxDiff(quaternionToAxisAngle(axisAngleToQuaternion(aa)), aa)).toBeLessThan(1e-9);
    expect(maxDiff(matrixToAxisAngle(axisAngleToMatrix(aa)), aa)).toBeLessThan(1e-9);
    expect(maxDiff(rot6dToAxisAngle(axisAngleToRot6d(aa)), aa)).toBeLessThan(1e-9);
    const m = axisAngleToMatrix(aa);
    expect(maxDiff(rot6dToMatrix(matrixToRot6d(m)), m)).toBeLessThan(1e-12);
    expect(maxDiff(quaternionToMatrix(matrixToQuaternion(m)), m)).toBeLessThan(1e-12);
  });

  it("round-trips in float32 within float32 precision (1e-5)", () => {
    const aa32 = Float32Array.from(aa);
    const back = matrixToAxisAngle(axisAngleToMatrix(aa32));
    expect(back).toBeInstanceOf(Float32Array);
    expect(maxDiff(back, aa32)).toBeLessThan(1e-5);
  });

  it("builds the right-handed matrix of 90° about z and keeps its first two rows as 6D", () => {
    const m = axisAngleToMatrix(Float64Array.from([0, 0, Math.PI / 2]));
    const expected = [0, -1, 0, 1, 0, 0, 0, 0, 1];
    expect(maxDiff(m, expected)).toBeLessThan(1e-15);
    expect(maxDiff(matrixToRot6d(m), expected.slice(0, 6))).toBeLessThan(1e-15);
  });

  it("orthonormalises a non-orthogonal 6D input by Gram-Schmidt on the rows", () => {
    const m = rot6dToMatrix(Float64Array.from([2, 0, 0, 1, 3, 0]));
    expect(maxDiff(m, [1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-15);
  });

  it("maps the zero rotation to the identity quaternion and back", () => {
    expect([...axisAngleToQuaternion(new Float64Array(3))]).toEqual([1, 0, 0, 0]);
    expect(maxDiff(quaternionToAxisAngle(Float64Array.from([1, 0, 0, 0])), [0, 0, 0])).toBe(0);
  });

  it("composes quaternions so that (a ⊗ b) applies b first", () => {
    const a = axisAngleToQuaternion(Float64Array.from([Math.PI / 2, 0, 0]));
    const b = axisAngleToQuaternion(Float64Array.from([0, 0, Math.PI / 2]));
    const ab = quaternionToMatrix(quaternionMultiply(a, b));
    // b sends x to y, then a (about x) sends y to z
    expect(ab[0]).toBeCloseTo(0, 12);
    expect(ab[3]).toBeCloseTo(0, 12);
    expect(ab[6]).toBeCloseTo(1, 12);
  });

  it("rejects a length that is not a multiple of the row width", () => {
    expect(() => axisAngleToMatrix(new Float64Array(4))).toThrow(RangeError);
  });
});
