import { describe, expect, it } from "vitest";
import { meta, maxRelError, readF32, readWav, type FixtureKey } from "../test/chroma/fixtures.js";
import { chromaCens, chromaCqt, cqToChroma } from "./chromaCqt.js";

const KEYS: FixtureKey[] = ["a", "b", "c", "d", "e", "f"];

describe("chromaCqt", () => {
  for (const key of KEYS) {
    it(`matches librosa chroma_cqt (soxr_hq) and its estimated tuning on file ${key}`, () => {
      const { y, sr } = readWav(key);
      const golden = meta[key].features.chroma_cqt!;
      const out = chromaCqt(y, { sampleRateHz: sr });
      expect(out.tuning).toBe(golden.tuning);
      expect([out.nBins, out.nFrames]).toEqual(golden.shape);
      // 1e-4, tighter than the 5e-3 bar for soxr goldens: our soxr_hq approximation lands within ~2e-5.
      expect(maxRelError(out.data, readF32(`${key}.chroma_cqt.f32`))).toBeLessThan(1e-4);
    });
  }
  for (const key of ["b", "e"] as const) {
    it(`matches the polyphase chroma_cqt golden on file ${key}`, () => {
      const { y, sr } = readWav(key);
      const out = chromaCqt(y, { sampleRateHz: sr, resType: "polyphase" });
      // 1e-4: exact resampler; float64 CQT vs librosa's complex64.
      expect(maxRelError(out.data, readF32(`${key}.chroma_cqt_polyphase.f32`))).toBeLessThan(1e-4);
    });
  }
});

describe("chromaCens", () => {
  for (const key of KEYS) {
    it(`matches librosa chroma_cens (soxr_hq) on file ${key}`, () => {
      const { y, sr } = readWav(key);
      const out = chromaCens(y, { sampleRateHz: sr });
      expect([out.nBins, out.nFrames]).toEqual(meta[key].features.chroma_cens!.shape);
      // 5e-3: the bar for soxr goldens (a quantisation flip would cost ~1e-2; none happens here).
      expect(maxRelError(out.data, readF32(`${key}.chroma_cens.f32`))).toBeLessThan(5e-3);
    });
  }
  for (const key of ["b", "e"] as const) {
    it(`matches the polyphase chroma_cens golden on file ${key}`, () => {
      const { y, sr } = readWav(key);
      const out = chromaCens(y, { sampleRateHz: sr, resType: "polyphase" });
      // 1e-4: the bar for the polyphase goldens.
      expect(maxRelError(out.data, readF32(`${key}.chroma_cens_polyphase.f32`))).toBeLessThan(1e-4);
    });
  }
});

describe("cqToChroma", () => {
  it("matches librosa filters.cq_to_chroma(252, bins_per_octave=36)", () => {
    expect(maxRelError(cqToChroma(252, { binsPerOctave: 36 }), readF32("filters.cq_to_chroma_252_36_12.f32"))).toBe(0);
  });
});

describe("chroma edge cases", () => {
  it("gives all-zero chroma and CENS for digital silence", () => {
    const silence = new Float32Array(22050);
    expect(chromaCqt(silence, { sampleRateHz: 22050 }).data.every((v) => v === 0)).toBe(true);
    expect(chromaCens(silence, { sampleRateHz: 22050 }).data.every((v) => v === 0)).toBe(true);
  });

  it("gives one frame for a 1-sample clip", () => {
    const out = chromaCens(new Float32Array([0.25]), { sampleRateHz: 22050 });
    expect([out.nBins, out.nFrames]).toEqual([12, 1]);
    expect(out.data.every(Number.isFinite)).toBe(true);
  });

  it("rejects bins_per_octave that is not a multiple of n_chroma with InvalidParameter", () => {
    expect(() => chromaCqt(new Float32Array(1024), { sampleRateHz: 22050, binsPerOctave: 30, nChroma: 12 })).toThrow(expect.objectContaining({ _tag: "InvalidParameter" }));
  });
});
