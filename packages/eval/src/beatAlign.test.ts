import { describe, expect, it } from "vitest";
import { basBailando, basFact } from "./beatAlign.js";
import { createJointSequence } from "./jointSequence.js";
import type { EvalWarning } from "./warnings.js";
import { goldenMotion, goldenMusicBeats, relErr } from "../test/goldenInputs.js";

describe("basBailando", () => {
  it("reproduces the metrics.md §14.1 golden (beats and score)", () => {
    const r = basBailando(goldenMotion(), goldenMusicBeats);
    expect(r.motionBeats).toEqual([12, 25, 39, 54, 68, 83, 98, 112]);
    // rtol 1e-6: the bar; the beats match exactly, so only exp/sum rounding remains.
    expect(relErr(r.score, 0.5214008727752398)).toBeLessThan(1e-6);
  });

  it("returns NaN and warns when there are no music beats", () => {
    const warnings: EvalWarning[] = [];
    const r = basBailando(goldenMotion(), [], { warn: (w) => warnings.push(w) });
    expect(r.score).toBeNaN();
    expect(warnings.map((w) => w.code)).toEqual(["no-music-beats"]);
  });

  it("returns NaN and warns for constant motion (no minima)", () => {
    const warnings: EvalWarning[] = [];
    const r = basBailando(createJointSequence(new Float32Array(50 * 72).fill(0.5)), [10], {
      warn: (w) => warnings.push(w),
    });
    expect(r.score).toBeNaN();
    expect(warnings.map((w) => w.code)).toEqual(["no-motion-beats"]);
  });

  it("returns NaN for T < 3 and for NaN positions without throwing", () => {
    expect(basBailando(createJointSequence(new Float32Array(2 * 72)), [0]).score).toBeNaN();
    expect(basBailando(createJointSequence(new Float32Array(0)), [0]).score).toBeNaN();
    const m = goldenMotion();
    m.data[100] = NaN;
    const warnings: EvalWarning[] = [];
    expect(basBailando(m, goldenMusicBeats, { warn: (w) => warnings.push(w) }).score).toBeNaN();
    expect(warnings[0]?.code).toBe("non-finite-input");
  });
});

describe("basFact", () => {
  it("reproduces the metrics.md §14.1 golden (beats and score)", () => {
    const r = basFact(goldenMotion(), goldenMusicBeats);
    expect(r.motionBeats).toEqual([25, 39, 54, 69, 83, 98, 113]);
    // rtol 1e-6: float32 exp may differ from numpy's SIMD exp by an ulp (6e-8).
    expect(relErr(r.score, 0.3311939537525177)).toBeLessThan(1e-6);
  });

  it("drops seed frames after detection", () => {
    const r = basFact(goldenMotion(), goldenMusicBeats, { seedFrames: 60 });
    expect(r.motionBeats).toEqual([69, 83, 98, 113]);
  });

  it("returns NaN and warns when no motion beat exists", () => {
    const warnings: EvalWarning[] = [];
    const r = basFact(createJointSequence(new Float32Array(5 * 72)), [1], { warn: (w) => warnings.push(w) });
    expect(r.score).toBeNaN();
    expect(warnings.map((w) => w.code)).toEqual(["no-motion-beats"]);
  });
});
