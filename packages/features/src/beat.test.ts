import { describe, expect, it } from "vitest";
import { GOLDEN_KEYS, loadAudio, loadGolden, maxAbsDiff } from "../test/goldens.js";
import { beatTrack } from "./beat.js";
import { onsetStrength } from "./onset.js";

describe("beatTrack", () => {
  for (const key of GOLDEN_KEYS) {
    it(`gives librosa's tempo and beat frames for file ${key}`, () => {
      const { samples, sampleRateHz } = loadAudio(key);
      const golden = loadGolden(key).features;
      const env = onsetStrength(samples, { sampleRateHz, aggregate: "median" });
      const track = beatTrack(env, { sampleRateHz, startBpm: 120, tightness: 100 });
      expect(track.tempoBpm).toBe(golden.beat_track.tempo[0]);
      expect(Array.from(track.beats)).toEqual(Array.from(golden.beat_track.beats as ArrayLike<number>));
      const internals = golden.beat_internals;
      expect(Array.from(track.untrimmed)).toEqual(Array.from(internals.beats_untrimmed as ArrayLike<number>));
      expect(Array.from(track.backlink)).toEqual(Array.from(internals.backlink as ArrayLike<number>));
      // 1e-5 relative: the float32 STFT (PFFFT; librosa's is float64) moves the envelope by ~3e-7 of its max, and
      // that propagates linearly into the float64 scores (measured 2.4e-6 on file f)
      const ls = maxAbsDiff(track.localScore, internals.localscore as Float64Array);
      expect(ls.diff).toBeLessThanOrEqual(1e-5 * ls.max);
      expect(track.trimThreshold).toBeCloseTo(internals.trim_threshold as number, 5);
    });
  }
});
