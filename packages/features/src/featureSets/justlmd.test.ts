import { describe, expect, it } from "vitest";
import { powerToDb } from "../db.js";
import { melSpectrogram } from "../mel.js";
import { justlmdFeatures } from "./justlmd.js";

const sr = 18000;
const tone = (seconds: number): Float32Array =>
  Float32Array.from(
    { length: seconds * sr },
    (_, i) =>
      0.3 * Math.sin((2 * Math.PI * 440 * i) / sr) * (1 + Math.sin(i / 3000)) + 0.01 * Math.sin(i * 1.7),
  );

describe("justlmdFeatures", () => {
  it("gives 180 × 128 frames for a 6 s clip at 18 kHz, z-scored over the clip", () => {
    const f = justlmdFeatures(tone(7), sr);
    expect([f.nFrames, f.nFeatures]).toEqual([180, 128]);
    let sum = 0,
      ss = 0;
    for (const v of f.data) {
      sum += v;
      ss += v * v;
    }
    const mean = sum / f.data.length;
    // 1e-5: float32 rounding of the z-score
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(Math.abs(Math.sqrt(ss / f.data.length - mean * mean) - 1)).toBeLessThan(1e-5);
  });

  it("is the transposed z-score of power_to_db(melspectrogram(hop 601), ref=max)", () => {
    const pcm = tone(6);
    const db = powerToDb(melSpectrogram(pcm, { sampleRateHz: sr, hopLengthSamples: 601 }), { ref: "max" });
    const f = justlmdFeatures(pcm, sr);
    const ranks = (i: number, j: number): number => Math.sign(db.data[i]! - db.data[j]!);
    // same ordering of values: frame 10 of mel 5 vs frame 100 of mel 70
    expect(Math.sign(f.data[10 * 128 + 5]! - f.data[100 * 128 + 70]!)).toBe(
      ranks(5 * 180 + 10, 70 * 180 + 100),
    );
  });

  it("cuts like librosa.load(offset, duration)", () => {
    const pcm = tone(10);
    const a = justlmdFeatures(pcm, sr, { offsetSec: 2 });
    const b = justlmdFeatures(pcm.subarray(36000, 36000 + 108000), sr);
    expect(a.data).toEqual(b.data);
  });

  it("returns zeros for digital silence instead of librosa's NaN", () => {
    const f = justlmdFeatures(new Float32Array(6 * sr), sr);
    expect(f.data.every((v) => v === 0)).toBe(true);
  });

  it("rejects PCM at another rate with InvalidParameter", () => {
    expect(() => justlmdFeatures(tone(6), 22050)).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
  });
});
