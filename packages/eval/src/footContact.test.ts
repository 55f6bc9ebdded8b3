import { describe, expect, it } from "vitest";
import { footContactScore, pfc, samplePfcFiles } from "./footContact.js";
import { createJointSequence } from "./jointSequence.js";
import type { EvalWarning } from "./warnings.js";
import { goldenMotion, relErr } from "../test/goldenInputs.js";

describe("pfc", () => {
  it("reproduces the metrics.md §14.1 golden (z-up, 30 fps, one sequence)", () => {
    // rtol 1e-9: the bar; float64 throughout like the reference.
    expect(relErr(pfc([goldenMotion()]), 16.35570461724856)).toBeLessThan(1e-9);
  });

  it("averages per-sequence scores", () => {
    const m = goldenMotion();
    expect(relErr(pfc([m, m]), 16.35570461724856)).toBeLessThan(1e-9);
  });

  it("returns NaN with a warning for constant motion and T < 3", () => {
    const warnings: EvalWarning[] = [];
    const warn = (w: EvalWarning): number => warnings.push(w);
    expect(footContactScore(createJointSequence(new Float32Array(10 * 72)), { warn })).toBeNaN();
    expect(footContactScore(createJointSequence(new Float32Array(2 * 72)), { warn })).toBeNaN();
    expect(pfc([], { warn })).toBeNaN();
    expect(warnings.map((w) => w.code)).toEqual(["constant-motion", "too-short"]);
  });
});

describe("samplePfcFiles", () => {
  it("keeps all files up to 1,000 and a seeded, reproducible 1,000 above", () => {
    const files = Array.from({ length: 1500 }, (_, i) => `f${i}.pkl`);
    expect(samplePfcFiles(files.slice(0, 10))).toHaveLength(10);
    const a = samplePfcFiles(files, { seed: 1 });
    expect(a).toHaveLength(1000);
    expect(new Set(a).size).toBe(1000);
    expect(samplePfcFiles(files, { seed: 1 })).toEqual(a);
    expect(samplePfcFiles(files, { seed: 2 })).not.toEqual(a);
  });
});
