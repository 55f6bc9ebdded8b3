import { describe, expect, it } from "vitest";
import { meta, readWav } from "../../test/chroma/fixtures.js";
import { computeAistFeatureSet, isAistFeatureSet } from "./aistFeatureSets.js";
import { bailando438Features } from "./bailando438.js";
import { computeChromaFeatureSet, isChromaFeatureSet } from "./chromaFeatureSets.js";

describe("computeAistFeatureSet", () => {
  it("returns [frames][35] for edge35 with the tempo beat_track found", () => {
    const { y, sr } = readWav("e");
    const out = computeAistFeatureSet("edge35", y, { sampleRateHz: sr, name: meta.e.wav });
    expect(out.shape).toEqual([150, 35]);
    expect(out.tempo).toBe(100);
    expect(isAistFeatureSet("fact35")).toBe(true);
    expect(isAistFeatureSet("mel")).toBe(false);
  });
});

describe("computeChromaFeatureSet", () => {
  it("returns librosa's [12][frames] orientation", () => {
    const y = new Float32Array(22050);
    for (let i = 0; i < y.length; i++) y[i] = Math.sin((2 * Math.PI * 261.63 * i) / 22050);
    const out = computeChromaFeatureSet("chroma-stft", y, { sampleRateHz: 22050 });
    expect(out.shape).toEqual([12, 44]);
    expect(out.data[0 * 44 + 20]).toBeCloseTo(1, 5); // C is the loudest class
    expect(isChromaFeatureSet("chroma-cens")).toBe(true);
  });
});

describe("bailando438Features edge cases", () => {
  it("gives finite features with zero chroma, envelope and beats for digital silence", () => {
    const out = bailando438Features(new Float32Array(30720), 30720);
    expect([out.nFrames, out.nFeatures]).toEqual([61, 438]);
    expect(out.data.every(Number.isFinite)).toBe(true);
    for (let t = 0; t < out.nFrames; t++) for (let k = 40; k < 54; k++) expect(out.data[t * 438 + k]).toBe(0);
  });

  it("rejects a clip too short for delta(width=3) with InvalidParameter", () => {
    expect(() => bailando438Features(new Float32Array(100), 30720)).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
  });

  it("rejects NaN samples with NonFiniteAudio", () => {
    expect(() =>
      bailando438Features(new Float32Array([0, Number.NaN, ...new Float32Array(4096)]), 30720),
    ).toThrow(expect.objectContaining({ _tag: "NonFiniteAudio" }));
  });
});
