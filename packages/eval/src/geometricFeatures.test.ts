import { describe, expect, it } from "vitest";
import { geometricFeatures } from "./geometricFeatures.js";
import { createJointSequence } from "./jointSequence.js";
import { goldenMotion, relErr } from "../test/goldenInputs.js";

const golden = [
  0, 0, 0.51260507, 0.48739496, 0.48739496, 0.48739496, 0.73949581, 0.73949581, 0, 0.86554623, 0.42016807,
  0.56302524, 1, 1, 0, 0, 0.46218488, 0.45378152, 0.25210086, 0.59663868, 0.50420171, 1, 1, 0.91596639,
  0.92436975, 0.86554623, 1, 0, 0.67226893, 0.52941179, 0.53781515, 1,
];

describe("geometricFeatures", () => {
  it("reproduces the metrics.md §14.1 golden (reference mode)", () => {
    const f = geometricFeatures(goldenMotion());
    // Exact frame counts out of 119, then rtol 1e-6 on the float32 fractions (golden printed to 8 digits).
    expect(Array.from(f, (v) => Math.round(v * 119))).toEqual(golden.map((v) => Math.round(v * 119)));
    golden.forEach((g, i) => expect(g === 0 ? f[i] : relErr(f[i]!, g)).toBeLessThan(1e-6));
  });

  it("differs from the reference where the 4th joint matters (corrected mode)", () => {
    const ref = geometricFeatures(goldenMotion());
    const fixed = geometricFeatures(goldenMotion(), { mode: "corrected", fps: 60 });
    expect(fixed.length).toBe(32);
    expect(Array.from(fixed).some((v, i) => v !== ref[i])).toBe(true);
  });

  it("returns NaN for a single frame and for NaN positions", () => {
    expect(Number.isNaN(geometricFeatures(createJointSequence(new Float32Array(72)))[0])).toBe(true);
    const m = goldenMotion();
    m.data[0] = NaN;
    expect(Number.isNaN(geometricFeatures(m)[5])).toBe(true);
  });
});
