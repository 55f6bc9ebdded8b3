import { describe, expect, it } from "vitest";
import { allcloseRatio, GOLDEN_KEYS, loadAudio, loadGolden, maxAbsDiff } from "../test/goldens.js";
import { powerToDb } from "./db.js";
import { melFilterBank, melSpectrogram } from "./mel.js";
import { hannWindow } from "./window.js";

describe("hannWindow", () => {
  it("matches scipy's periodic Hann of 2048 points", () => {
    const golden = loadGolden("filters").features.hann_2048_periodic.data as Float64Array;
    // 1e-15: identical formula, only libm cos rounding may differ
    expect(maxAbsDiff(hannWindow(2048), golden).diff).toBeLessThan(1e-15);
  });
});

describe("melFilterBank", () => {
  it("matches librosa.filters.mel(sr=22050, n_fft=2048, n_mels=128)", () => {
    const golden = loadGolden("filters").features.mel_22050_2048_128.data as Float32Array;
    const { weights } = melFilterBank(22050, 2048);
    // 1 ulp of float32: weights are rounded from float64 like librosa
    expect(allcloseRatio(weights, golden, 2e-7, 1e-12)).toBeLessThanOrEqual(1);
  });
});

describe("melSpectrogram", () => {
  for (const key of GOLDEN_KEYS) {
    it(`matches librosa for file ${key} within rtol 1e-4, atol 1e-6·max`, () => {
      const { samples, sampleRateHz } = loadAudio(key);
      const golden = loadGolden(key).features.melspectrogram;
      const mel = melSpectrogram(samples, { sampleRateHz });
      expect([mel.nBins, mel.nFrames]).toEqual(golden.shape);
      const { max } = maxAbsDiff(mel.data, golden.data as Float32Array);
      expect(allcloseRatio(mel.data, golden.data as Float32Array, 1e-4, 1e-6 * max)).toBeLessThanOrEqual(1);
    });
  }
});

describe("powerToDb", () => {
  for (const key of GOLDEN_KEYS) {
    it(`matches power_to_db(mel, ref=np.max) for file ${key} within 1e-3 dB`, () => {
      const { samples, sampleRateHz } = loadAudio(key);
      const golden = loadGolden(key).features.melspectrogram_db;
      const db = powerToDb(melSpectrogram(samples, { sampleRateHz }), { ref: "max" });
      expect(maxAbsDiff(db.data, golden.data as Float32Array).diff).toBeLessThan(1e-3);
    });
  }
});
