import { describe, expect, it } from "vitest";
import { beatBins, beatOnsetTimes, beatScores, meanBeatScores } from "./beatScores.js";
import { avAlign, frameDifferenceTrack, motionPeakTimes } from "./avAlign.js";
import { mmAlign2d } from "./mmAlign2d.js";
import { createJointSequence } from "./jointSequence.js";
import type { EvalWarning } from "./warnings.js";
import { goldenMotion } from "../test/goldenInputs.js";

describe("beatBins", () => {
  it("puts onsets in ⌊t·res⌋ of ⌈duration·res⌉ bins", () => {
    expect(Array.from(beatBins([0.1, 0.9, 2.5], 3.2, 1))).toEqual([1, 0, 1, 0]);
    expect(Array.from(beatBins([0.1, 0.25], 0.6, 5))).toEqual([1, 1, 0]);
  });
});

describe("beatScores", () => {
  const gt = [1, 0, 1, 1, 0, 1];
  const syn = [1, 1, 0, 1, 0, 0];
  it("uses D2M-GAN's coverage n_syn/n_gt and LORIS's precision hits/n_syn", () => {
    expect(beatScores(gt, syn, "d2m-gan")).toMatchObject({ coverage: 3 / 4, hit: 2 / 4 });
    const l = beatScores(gt, syn, "loris");
    expect(l.coverage).toBeCloseTo(2 / 3, 15);
    expect(l.hit).toBeCloseTo(0.5, 15);
    expect(l.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 15);
  });

  it("gives NaN with a warning (d2m-gan) or 0 (loris) without music onsets", () => {
    const warnings: EvalWarning[] = [];
    expect(beatScores([0, 0], [1, 0], "d2m-gan", (w) => warnings.push(w)).coverage).toBeNaN();
    expect(beatScores([0, 0], [1, 0], "loris").hit).toBe(0);
    expect(warnings[0]?.code).toBe("no-music-beats");
  });

  it("averages pairs and gives LORIS's F1 of the means", () => {
    const m = meanBeatScores([
      { coverage: 1, hit: 0.5, f1: 2 / 3 },
      { coverage: 0.5, hit: 0.5, f1: 0.5 },
    ]);
    expect(m.coverage).toBe(0.75);
    expect(m.f1OfMeans).toBeCloseTo((2 * 0.75 * 0.5) / 1.25, 15);
  });
});

describe("beatOnsetTimes", () => {
  it("finds one onset per click of a 2 Hz click track (LORIS 5 Hz bins)", () => {
    const sr = 22050;
    const y = new Float32Array(sr * 4);
    for (let k = 0; k < 8; k++)
      for (let i = 0; i < 200; i++)
        y[Math.round(k * 0.5 * sr) + 2000 + i] = Math.sin(i * 0.9) * (1 - i / 200);
    const times = beatOnsetTimes(y, sr, "loris-5hz");
    expect(times.length).toBe(8);
    const bins = beatBins(times, 4, 5);
    expect(bins.reduce((s, v) => s + v, 0)).toBe(8);
  });
});

describe("avAlign", () => {
  it("matches onsets to motion peaks one-to-one inside ±1/fps", () => {
    // traj = [0, 0, 1, 0, 0.5, 0.05, 0.02]: peaks at frames 2 (1.0) and 4 (0.5); frame 5's 0.05 < 0.1 gate.
    const peaks = motionPeakTimes([0, 1, 0, 0.5, 0.05, 0.02], 10);
    expect(peaks).toEqual([0.2, 0.4]);
    expect(avAlign([0.21, 0.22, 0.9], peaks, { fps: 10 })).toBeCloseTo(1 / 4, 15);
    expect(avAlign([], [], { fps: 10 })).toBeNaN();
  });

  it("approximates flow by mean absolute frame difference", () => {
    expect(
      Array.from(
        frameDifferenceTrack([
          [0, 0],
          [2, 4],
          [2, 4],
        ]),
      ),
    ).toEqual([3, 0]);
  });
});

describe("mmAlign2d", () => {
  it("is Bailando BAS on 2-D keypoints and rejects 3-D input", () => {
    const m = goldenMotion();
    const kp = createJointSequence(
      Float32Array.from({ length: 120 * 48 }, (_, i) => m.data[Math.floor(i / 2) * 3 + (i % 2)]!),
      24,
      2,
    );
    expect(mmAlign2d(kp, [10, 30, 50, 70, 90, 110]).score).toBeGreaterThan(0);
    expect(() => mmAlign2d(m, [10])).toThrow(expect.objectContaining({ _tag: "InvalidMotionInput" }));
  });
});
