import { describe, expect, it } from "vitest";
import { compareMotionEnergy, describeMotionEnergy, motionEnergy } from "./motionEnergy.js";

describe("motionEnergy", () => {
  it("gives each column's mean squared frame-to-frame change", () => {
    // 3 frames × 2 columns: column 0 steps by 1 then 3, column 1 stays still.
    const e = motionEnergy(Float32Array.from([0, 5, 1, 5, 4, 5]), 2);
    expect([...e]).toEqual([(1 + 9) / 2, 0]);
  });
});

describe("describeMotionEnergy", () => {
  const data = Float64Array.from([1, 4, 0, 0]);
  it("reports the jitter ratio, the moving columns and the columns furthest from the data's", () => {
    const text = describeMotionEnergy(Float64Array.from([2, 4, 0.5, 0]), data, ["a", "b", "c", "d"]);
    expect(compareMotionEnergy(Float64Array.from([2, 4, 0.5, 0]), data).jitterRatio).toBeCloseTo(6.5 / 5, 12);
    const [summary, perColumn] = text.split("\n");
    expect(summary).toContain("jitter 1.30×, 3 moving columns (the data: 2)");
    // c moves where the data is still (∞), a at twice the data's, b as the data; d is still in both.
    expect(perColumn).toBe("  per column, sample/data, furthest first: c ∞×, a 2.00×, b 1.00×");
  });

  it("names columns by index when the dataset gives no names", () => {
    expect(describeMotionEnergy(Float64Array.from([1, 2, 0, 0]), data)).toContain("#1 0.50×, #0 1.00×");
  });
});
