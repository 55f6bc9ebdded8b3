import { describe, expect, it } from "vitest";
import { estimateTuning, pitchTuning } from "./tuning.js";

describe("pitchTuning", () => {
  it("returns the left edge of the fullest residual bin", () => {
    const detuned = Array.from({ length: 10 }, () => 440 * 2 ** (0.2 / 12));
    expect(pitchTuning(detuned)).toBeCloseTo(0.2, 10);
  });

  it("returns 0 for an empty set of frequencies", () => {
    expect(pitchTuning([])).toBe(0);
    expect(pitchTuning([0, -3])).toBe(0);
  });
});

describe("estimateTuning", () => {
  it("finds a quarter-semitone sharp tone within one histogram bin", () => {
    const sr = 22050,
      y = new Float32Array(sr);
    const f = 440 * 2 ** (0.25 / 12);
    for (let i = 0; i < y.length; i++) y[i] = 0.5 * Math.sin((2 * Math.PI * f * i) / sr);
    expect(Math.abs(estimateTuning({ y, sampleRateHz: sr }) - 0.25)).toBeLessThanOrEqual(0.02);
  });

  it("gives 0 for digital silence", () => {
    expect(estimateTuning({ y: new Float32Array(4096), sampleRateHz: 22050 })).toBe(0);
  });
});
