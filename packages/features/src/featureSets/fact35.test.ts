import { describe, expect, it } from "vitest";
import { readWav } from "../../test/chroma/fixtures.js";
import { beatTrack } from "../beat.js";
import { onsetDetect, onsetStrength } from "../onset.js";
import { resample } from "../resample.js";
import { edge35Features } from "./edge35.js";
import { FACT35_SAMPLE_RATE_HZ, fact35Features } from "./fact35.js";

const { y: y15, sr: sr15 } = readWav("e");
const y = resample(y15.subarray(0, 4 * sr15), {
  origSampleRateHz: sr15,
  targetSampleRateHz: FACT35_SAMPLE_RATE_HZ,
  resType: "polyphase",
});

describe("fact35Features", () => {
  const out = fact35Features(y, FACT35_SAMPLE_RATE_HZ, { name: "mPO2" });

  it("gives 60 fps rows of 35 features over the whole clip, tempo from the music id", () => {
    expect([out.nFrames, out.nFeatures]).toEqual([1 + Math.floor(y.length / 512), 35]);
    expect(out.startBpm).toBe(100);
    expect(out.data.every(Number.isFinite)).toBe(true);
  });

  it("uses onset_detect and beat_track(start_bpm, tightness 100) on the mean envelope for the one-hots", () => {
    const env = onsetStrength(y, { sampleRateHz: FACT35_SAMPLE_RATE_HZ });
    const peaks = onsetDetect(env, { sampleRateHz: FACT35_SAMPLE_RATE_HZ });
    const beats = beatTrack(env, {
      sampleRateHz: FACT35_SAMPLE_RATE_HZ,
      startBpm: 100,
      tightness: 100,
    }).beats;
    const hot = (col: number): number[] =>
      Array.from({ length: out.nFrames }, (_, t) => t).filter((t) => out.data[t * 35 + col] === 1);
    expect(hot(33)).toEqual(Array.from(peaks));
    expect(hot(34)).toEqual(Array.from(beats));
    expect(Array.from({ length: out.nFrames }, (_, t) => out.data[t * 35]!)).toEqual(Array.from(env));
  });

  it("resamples PCM at another rate before extracting (librosa.load(sr=30720))", () => {
    const viaResample = fact35Features(y15.subarray(0, 4 * sr15), sr15, {
      startBpm: 100,
      resType: "polyphase",
    });
    expect(viaResample.data).toEqual(out.data);
  });

  it("differs from edge35 only by rate and chop", () => {
    const edge = edge35Features(y15.subarray(0, 4 * sr15), sr15, { startBpm: 100 });
    expect(edge.nFrames).toBe(Math.min(150, 1 + Math.floor((4 * sr15) / 512)));
  });
});
