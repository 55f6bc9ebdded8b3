import { describe, expect, it } from "vitest";
import { readWav } from "../../test/chroma/fixtures.js";
import { beatTrack } from "../beat.js";
import { separateHarmonicPercussive } from "../internal/istft.js";
import { onsetStrength } from "../onset.js";
import { resample } from "../resample.js";
import { BAILANDO438_BEAT_COLUMN, BAILANDO438_SAMPLE_RATE_HZ, bailando438Features } from "./bailando438.js";

const { y: y15, sr: sr15 } = readWav("e");
const sr = BAILANDO438_SAMPLE_RATE_HZ;
const y = resample(y15.subarray(0, 3 * sr15), {
  origSampleRateHz: sr15,
  targetSampleRateHz: sr,
  resType: "polyphase",
});

describe("bailando438Features", () => {
  const out = bailando438Features(y, sr, { resType: "polyphase" });

  it("gives 60 fps rows of 438 finite features", () => {
    expect([out.nFrames, out.nFeatures]).toEqual([1 + Math.floor(y.length / 512), 438]);
    expect(out.data.every(Number.isFinite)).toBe(true);
  });

  it("takes the onset envelope and beats from the percussive part (median aggregate)", () => {
    const env = onsetStrength(separateHarmonicPercussive(y).percussive, {
      sampleRateHz: sr,
      aggregate: "median",
    });
    const beats = beatTrack(env, { sampleRateHz: sr }).beats;
    const col = (k: number): number[] =>
      Array.from({ length: out.nFrames }, (_, t) => out.data[t * 438 + k]!);
    expect(col(52)).toEqual(Array.from(env));
    expect(col(BAILANDO438_BEAT_COLUMN).flatMap((v, t) => (v === 1 ? [t] : []))).toEqual(Array.from(beats));
  });

  it("has max-normalised chroma and tempogram frames", () => {
    const t = 60;
    const row = out.data.subarray(t * 438, (t + 1) * 438);
    expect(Math.max(...row.subarray(40, 52))).toBeCloseTo(1, 6);
    expect(row[54]).toBeCloseTo(1, 6); // tempogram lag 0 is the frame's maximum
  });
});

describe("separateHarmonicPercussive", () => {
  it("splits audio into parts that sum back to the input", () => {
    const { harmonic, percussive } = separateHarmonicPercussive(y15.subarray(0, sr15));
    let err = 0,
      peak = 0;
    for (let i = 0; i < sr15; i++) {
      err = Math.max(err, Math.abs(harmonic[i]! + percussive[i]! - y15[i]!));
      peak = Math.max(peak, Math.abs(y15[i]!));
    }
    // 1e-5 of the peak: soft masks sum to 1 and Hann at 75% overlap reconstructs exactly (float32 storage).
    expect(err / peak).toBeLessThan(1e-5);
  });
});
