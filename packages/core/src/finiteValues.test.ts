import { describe, expect, it } from "vitest";
import { assertFinite, firstNonFinite } from "./index.js";

describe("firstNonFinite", () => {
  it("finds the first NaN or infinity, or -1", () => {
    expect(firstNonFinite(new Float32Array([0, 1, -2.5]))).toBe(-1);
    expect(firstNonFinite(new Float32Array([0, Number.NaN, Infinity]))).toBe(1);
    expect(firstNonFinite([1, 2, -Infinity])).toBe(2);
  });
});

describe("assertFinite", () => {
  it("throws NonFiniteValues naming the file, what and where", () => {
    expect(() => assertFinite(new Float64Array([1, Infinity]), "m.npy", "motion")).toThrow(
      expect.objectContaining({ _tag: "NonFiniteValues", file: "m.npy", index: 1, value: Infinity }),
    );
  });
});
