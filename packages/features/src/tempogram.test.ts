import { describe, expect, it } from "vitest";
import { GOLDEN_KEYS, loadAudio, loadGolden, maxAbsDiff } from "../test/goldens.js";
import { onsetStrength } from "./onset.js";
import { estimateTempo, tempoFrequencies, tempogram } from "./tempogram.js";

describe("tempogram", () => {
  it("matches librosa's tempogram (win 384) for file b within 1e-5 of the max (every 5th frame)", () => {
    const { samples, sampleRateHz } = loadAudio("b");
    const golden = loadGolden("b").features.tempogram;
    const tg = tempogram(onsetStrength(samples, { sampleRateHz }));
    const stride = golden.frame_stride as number;
    const [rows, cols] = golden.shape as [number, number];
    expect([tg.nBins, tg.nFrames]).toEqual([rows, cols]);
    const kept = Math.ceil(cols / stride);
    const ours = new Float64Array(rows * kept);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < kept; c++) ours[r * kept + c] = tg.data[r * cols + c * stride]!;
    // 1e-5: the float32 envelope differs from librosa's by ~1e-7 relative; the tempogram itself is float64
    const { diff, max } = maxAbsDiff(ours, golden.data as Float64Array);
    expect(diff).toBeLessThanOrEqual(1e-5 * max);
  });
});

describe("tempoFrequencies", () => {
  it("matches librosa.tempo_frequencies(344, hop_length=512, sr=22050)", () => {
    const golden = loadGolden("filters").features.tempo_frequencies_344_512_22050.data as Float64Array;
    expect(Array.from(tempoFrequencies(344, 22050).subarray(1))).toEqual(Array.from(golden));
  });
});

describe("estimateTempo", () => {
  for (const key of GOLDEN_KEYS) {
    it(`picks librosa's lag and mean tempogram for file ${key}`, () => {
      const { samples, sampleRateHz } = loadAudio(key);
      const est = loadGolden(key).features.beat_internals.tempo_estimation;
      const tempo = estimateTempo(onsetStrength(samples, { sampleRateHz, aggregate: "median" }), {
        sampleRateHz,
      });
      expect(tempo.winLengthFrames).toBe(est.win_length_frames);
      expect(tempo.lag).toBe(est.best_period_lag);
      expect(tempo.bpm).toBe(est.bpm);
      const { diff } = maxAbsDiff(tempo.meanTempogram, est.tempogram_mean_over_time as Float64Array);
      expect(diff).toBeLessThan(1e-5);
    });
  }
});
