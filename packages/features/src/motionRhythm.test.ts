import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { directogram, rhythmPeaks } from "./index.js";

// Goldens from torch (the RhythmEncoder's ops): test/fixtures/motionRhythm.
const golden = JSON.parse(
  gunzipSync(
    readFileSync(new URL("../test/fixtures/motionRhythm/golden.json.gz", import.meta.url)),
  ).toString(),
) as {
  keypoints: number[];
  directogram: number[];
  envelope: number[];
  peaks: number[];
};

describe("directogram and rhythmPeaks", () => {
  it("reproduce the Dance-to-Music rhythm encoder's envelope and peaks on a COCO-17 clip", () => {
    const layout = { frames: 305, joints: 17, dims: 2, stride: 3 };
    const d = directogram(Float32Array.from(golden.keypoints), layout);
    expect(d.length).toBe(304 * 10);
    const dmax = Math.max(...golden.directogram);
    d.forEach((v, i) => expect(Math.abs(v - golden.directogram[i]!)).toBeLessThan(1e-5 * dmax)); // float32 sums in another order
    const { envelope, peaks } = rhythmPeaks(d);
    expect(envelope.length).toBe(303);
    envelope.forEach((v, i) => expect(Math.abs(v - golden.envelope[i]!)).toBeLessThan(1e-5));
    expect([...peaks]).toEqual(golden.peaks);
    expect(golden.peaks.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
  });

  it("gives NaN envelopes and no peaks for a still clip, as the reference does", () => {
    const still = new Float32Array(10 * 17 * 3).fill(1);
    const { envelope, peaks } = rhythmPeaks(
      directogram(still, { frames: 10, joints: 17, dims: 2, stride: 3 }),
    );
    expect(Number.isNaN(envelope[0])).toBe(true);
    expect([...peaks].every((p) => p === 0)).toBe(true);
  });
});
