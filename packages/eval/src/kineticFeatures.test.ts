import { describe, expect, it } from "vitest";
import { kineticFeatures } from "./kineticFeatures.js";
import { createJointSequence, subtractInitialRoot } from "./jointSequence.js";
import type { EvalWarning } from "./warnings.js";
import { goldenMotion, relErr } from "../test/goldenInputs.js";

const golden6 = [
  0.1539699286222458, 0.037925489246845245, 1513.2381591796875, 0.41135501861572266, 0.1571238934993744,
  1779.978515625,
];

describe("kineticFeatures", () => {
  it("reproduces the metrics.md §14.1 golden on P − P[0,0] (reference mode)", () => {
    const f = kineticFeatures(subtractInitialRoot(goldenMotion()));
    expect(f.length).toBe(72);
    // rtol 1e-6: the bar for features (float32 emulated; residual from BLAS/order differences).
    for (let i = 0; i < 6; i++) expect(relErr(f[i]!, golden6[i]!)).toBeLessThan(1e-6);
    let sum = 0;
    for (const v of f) sum += v;
    expect(relErr(sum, 63888.22649189085)).toBeLessThan(1e-6);
  });

  it("gives a translation-invariant, small energy expenditure in corrected mode", () => {
    const m = subtractInitialRoot(goldenMotion());
    const shifted = createJointSequence(m.data.map((v) => v + 5));
    const a = kineticFeatures(m, { mode: "corrected" });
    const b = kineticFeatures(shifted, { mode: "corrected" });
    expect(a[2]!).toBeLessThan(100);
    expect(relErr(b[2]!, a[2]!)).toBeLessThan(1e-4);
    expect(relErr(kineticFeatures(shifted)[2]!, a[2]!)).toBeGreaterThan(1);
  });

  it("is zero for constant motion", () => {
    const f = kineticFeatures(createJointSequence(new Float32Array(10 * 72)), { mode: "corrected" });
    expect(Array.from(f).every((v) => v === 0)).toBe(true);
  });

  it("returns NaN with a warning for T < 3 and NaN input", () => {
    const warnings: EvalWarning[] = [];
    const f = kineticFeatures(createJointSequence(new Float32Array(2 * 72)), {
      warn: (w) => warnings.push(w),
    });
    expect(Number.isNaN(f[0])).toBe(true);
    const m = goldenMotion();
    m.data[7] = NaN;
    expect(Number.isNaN(kineticFeatures(m, { warn: (w) => warnings.push(w) })[40])).toBe(true);
    expect(warnings.map((w) => w.code)).toEqual(["too-short", "non-finite-input"]);
  });
});
