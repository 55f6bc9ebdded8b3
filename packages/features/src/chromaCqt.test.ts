import { describe, expect, it } from "vitest";
import { meta, maxRelError, readF32, readWav, type FixtureKey } from "../test/chroma/fixtures.js";
import {
  chromaCens,
  chromaCensFromMagnitude,
  chromaCqt,
  chromaCqtFromMagnitude,
  cqToChroma,
} from "./chromaCqt.js";
import { cqt, cqtMagnitude } from "./cqt.js";
import type { ResampleType } from "./resample.js";
import type { Spectrogram } from "./stft.js";

const KEYS: FixtureKey[] = ["a", "b", "c", "d", "e", "f"];

/** One |CQT| per file and resampler, shared by the chroma_cqt and chroma_cens tests (librosa's `C=` path). */
const magnitudes = new Map<string, Spectrogram & { tuning: number }>();
function magnitudeOf(key: FixtureKey, resType: ResampleType): Spectrogram & { tuning: number } {
  const id = `${key}:${resType}`;
  let m = magnitudes.get(id);
  if (m === undefined) {
    const { y, sr } = readWav(key);
    const c = cqt(y, { sampleRateHz: sr, nBins: 252, binsPerOctave: 36, tuning: null, resType });
    m = { data: cqtMagnitude(c), nBins: c.nBins, nFrames: c.nFrames, tuning: c.tuning };
    magnitudes.set(id, m);
  }
  return m;
}

describe("chromaCqt", () => {
  for (const key of KEYS) {
    it(`matches librosa chroma_cqt (soxr_hq) and its estimated tuning on file ${key}`, () => {
      const golden = meta[key].features.chroma_cqt!;
      const magnitude = magnitudeOf(key, "soxr_hq");
      expect(magnitude.tuning).toBe(golden.tuning);
      const out = chromaCqtFromMagnitude(magnitude);
      expect([out.nBins, out.nFrames]).toEqual(golden.shape);
      // 1e-4, tighter than the 5e-3 bar for soxr goldens: the resampler is libsoxr (measured ≤ 5e-6).
      expect(maxRelError(out.data, readF32(`${key}.chroma_cqt.f32`))).toBeLessThan(1e-4);
    });
  }
  for (const key of ["b", "e"] as const) {
    it(`matches the polyphase chroma_cqt golden on file ${key}`, () => {
      const out = chromaCqtFromMagnitude(magnitudeOf(key, "polyphase"));
      // 1e-4: exact resampler; float64 CQT vs librosa's complex64.
      expect(maxRelError(out.data, readF32(`${key}.chroma_cqt_polyphase.f32`))).toBeLessThan(1e-4);
    });
  }

  it("computes the same chroma from y end to end", () => {
    const { y, sr } = readWav("f");
    const out = chromaCqt(y, { sampleRateHz: sr });
    expect(out.tuning).toBe(meta.f.features.chroma_cqt!.tuning);
    expect(out.data).toEqual(chromaCqtFromMagnitude(magnitudeOf("f", "soxr_hq")).data);
  });
});

describe("chromaCens", () => {
  for (const key of KEYS) {
    it(`matches librosa chroma_cens (soxr_hq) on file ${key}`, () => {
      const out = chromaCensFromMagnitude(magnitudeOf(key, "soxr_hq"));
      expect([out.nBins, out.nFrames]).toEqual(meta[key].features.chroma_cens!.shape);
      // 1e-4: the polyphase bar; with libsoxr itself the quantised CENS is bit-identical here (measured 0).
      expect(maxRelError(out.data, readF32(`${key}.chroma_cens.f32`))).toBeLessThan(1e-4);
    });
  }
  for (const key of ["b", "e"] as const) {
    it(`matches the polyphase chroma_cens golden on file ${key}`, () => {
      const out = chromaCensFromMagnitude(magnitudeOf(key, "polyphase"));
      // 1e-4: the bar for the polyphase goldens.
      expect(maxRelError(out.data, readF32(`${key}.chroma_cens_polyphase.f32`))).toBeLessThan(1e-4);
    });
  }

  it("computes the same CENS from y end to end", () => {
    const { y, sr } = readWav("d");
    expect(chromaCens(y, { sampleRateHz: sr }).data).toEqual(
      chromaCensFromMagnitude(magnitudeOf("d", "soxr_hq")).data,
    );
  });
});

describe("cqToChroma", () => {
  it("matches librosa filters.cq_to_chroma(252, bins_per_octave=36)", () => {
    expect(
      maxRelError(cqToChroma(252, { binsPerOctave: 36 }), readF32("filters.cq_to_chroma_252_36_12.f32")),
    ).toBe(0);
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
    expect(() =>
      chromaCqt(new Float32Array(1024), { sampleRateHz: 22050, binsPerOctave: 30, nChroma: 12 }),
    ).toThrow(expect.objectContaining({ _tag: "InvalidParameter" }));
  });
});
