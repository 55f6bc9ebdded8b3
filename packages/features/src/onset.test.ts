import { describe, expect, it } from "vitest";
import { GOLDEN_KEYS, loadAudio, loadGolden, maxAbsDiff } from "../test/goldens.js";
import { onsetDetect, onsetStrength } from "./onset.js";

describe("onsetStrength", () => {
  for (const key of GOLDEN_KEYS) {
    for (const aggregate of ["mean", "median"] as const) {
      it(`matches librosa (${aggregate}) for file ${key} within 1e-4 of the max`, () => {
        const { samples, sampleRateHz } = loadAudio(key);
        const name = aggregate === "mean" ? "onset_strength" : "onset_strength_median";
        const golden = loadGolden(key).features[name].data as Float32Array;
        const env = onsetStrength(samples, { sampleRateHz, aggregate });
        const { diff, max } = maxAbsDiff(env, golden);
        expect(diff).toBeLessThanOrEqual(1e-4 * max);
      });
    }
  }
});

describe("onsetDetect", () => {
  for (const key of GOLDEN_KEYS) {
    it(`finds librosa's onset frames for file ${key}`, () => {
      const { samples, sampleRateHz } = loadAudio(key);
      const golden = loadGolden(key).features.onset_detect.data as Int32Array | number[];
      const onsets = onsetDetect(onsetStrength(samples, { sampleRateHz }), { sampleRateHz });
      expect(Array.from(onsets)).toEqual(Array.from(golden));
    });
  }
});
