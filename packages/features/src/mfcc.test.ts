import { describe, expect, it } from "vitest";
import { GOLDEN_KEYS, loadAudio, loadGolden, maxAbsDiff } from "../test/goldens.js";
import { delta } from "./delta.js";
import { mfcc } from "./mfcc.js";
import type { Spectrogram } from "./stft.js";

describe("mfcc", () => {
  for (const key of GOLDEN_KEYS) {
    it(`matches librosa (n_mfcc=20) for file ${key} within 1e-4 of the max`, () => {
      const { samples, sampleRateHz } = loadAudio(key);
      const golden = loadGolden(key).features.mfcc;
      const m = mfcc(samples, { sampleRateHz, nMfcc: 20 });
      expect([m.nBins, m.nFrames]).toEqual(golden.shape);
      const { diff, max } = maxAbsDiff(m.data, golden.data as Float32Array);
      expect(diff).toBeLessThanOrEqual(1e-4 * max);
    });
  }
});

describe("delta", () => {
  const ramp = (t: number, f: (i: number) => number): Spectrogram => ({
    data: Float32Array.from({ length: t }, (_, i) => f(i)),
    nBins: 1,
    nFrames: t,
  });

  it("gives the slope of a line everywhere, edges included (mode interp)", () => {
    const d = delta(ramp(20, (i) => 3 * i + 1));
    for (const v of d.data) expect(v).toBeCloseTo(3, 5);
  });

  it("gives the second derivative of a parabola with order 2", () => {
    const d = delta(
      ramp(20, (i) => 0.5 * i * i - i),
      { order: 2 },
    );
    for (const v of d.data) expect(v).toBeCloseTo(1, 4);
  });

  it("matches savgol_filter(x, 5, polyorder=1, deriv=1, mode='interp') on a known sequence", () => {
    // scipy 1.10: savgol_filter([1, 4, 2, 8, 5, 7, 3], 5, 1, deriv=1) → interior uses weights (−2..2)/10
    const d = delta(
      ramp(7, (i) => [1, 4, 2, 8, 5, 7, 3][i]!),
      { width: 5 },
    );
    const interior = (i: number, x: number[]): number =>
      (-2 * x[i - 2]! - x[i - 1]! + x[i + 1]! + 2 * x[i + 2]!) / 10;
    const x = [1, 4, 2, 8, 5, 7, 3];
    expect(d.data[2]).toBeCloseTo(interior(2, x), 6);
    expect(d.data[0]).toBeCloseTo(interior(2, x), 6);
    expect(d.data[6]).toBeCloseTo(interior(4, x), 6);
  });

  it("rejects a window wider than the input with InvalidParameter", () => {
    expect(() => delta(ramp(5, (i) => i))).toThrow(expect.objectContaining({ _tag: "InvalidParameter" }));
  });
});
