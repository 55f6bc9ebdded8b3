import { describe, expect, it } from "vitest";
import { pythonFloatRepr, pythonJsonMatrix } from "./pythonJson.js";

describe("pythonFloatRepr", () => {
  it("prints floats as Python's repr does", () => {
    // Expected strings are CPython 3.11's repr() of the same doubles.
    const cases: [number, string][] = [
      [1, "1.0"],
      [-0, "-0.0"],
      [0.1, "0.1"],
      [Math.fround(0.1), "0.10000000149011612"],
      [1e-4, "0.0001"],
      [1e-5, "1e-05"],
      [-1.5e-7, "-1.5e-07"],
      [123.456, "123.456"],
      [9999999999999998, "9999999999999998.0"],
      [1e16, "1e+16"],
      [1.2345678901234568e17, "1.2345678901234568e+17"],
      [1e300, "1e+300"],
      [5e-324, "5e-324"],
      [NaN, "NaN"],
      [-Infinity, "-Infinity"],
    ];
    for (const [x, text] of cases) expect(pythonFloatRepr(x)).toBe(text);
  });
});

describe("pythonJsonMatrix", () => {
  it("prints rows as json.dumps prints nested lists", () => {
    expect(pythonJsonMatrix([1, 2.5, -3, 0], 2, 2)).toBe("[[1.0, 2.5], [-3.0, 0.0]]");
    expect(pythonJsonMatrix([], 0, 3)).toBe("[]");
  });
});
