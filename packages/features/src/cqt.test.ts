import { describe, expect, it } from "vitest";
import { meta, maxRelError, readF32, readWav } from "../test/chroma/fixtures.js";
import { cqt, cqtMagnitude, cqtMagnitudeOf } from "./cqt.js";
import { cqtFrequencies, relativeBandwidth, waveletLengths, C1_HZ } from "./cqtFilters.js";

describe("cqt", () => {
  it("matches librosa |cqt| (252 bins, 36 per octave, soxr_hq) on file b", () => {
    const { y, sr } = readWav("b");
    const golden = meta.b.features.cqt_magnitude!;
    const c = cqt(y, { sampleRateHz: sr, nBins: 252, binsPerOctave: 36, tuning: golden.tuning! });
    expect([c.nBins, c.nFrames]).toEqual([252, 431]);
    const mag = cqtMagnitude(c);
    const [rows, cols] = golden.shape as [number, number];
    const sub = new Float32Array(rows * cols);
    for (let b = 0; b < rows; b++)
      for (let j = 0; j < cols; j++) sub[b * cols + j] = mag[b * c.nFrames + j * golden.frameStride!]!;
    // 1e-4 of the max: complex64 librosa vs our float64 accumulation; the resampler is libsoxr (measured 2e-7).
    expect(maxRelError(sub, readF32("b.cqt_magnitude.f32"))).toBeLessThan(1e-4);
  });

  it("gives |cqt| bit for bit without the complex CQT (cqtMagnitudeOf), early downsampling included (file c)", () => {
    for (const key of ["b", "c"] as const) {
      const { y, sr } = readWav(key);
      const options = { sampleRateHz: sr, nBins: 252, binsPerOctave: 36, tuning: null };
      const direct = cqtMagnitudeOf(y, options);
      expect(Array.from(direct.data)).toEqual(Array.from(cqtMagnitude(cqt(y, options))));
    }
  });

  it("estimates the tuning from y when tuning is null", () => {
    const { y, sr } = readWav("b");
    // One octave only (fmin C6) keeps it cheap; the estimate comes from the whole of y, like chroma_cqt's.
    expect(
      cqt(y, { sampleRateHz: sr, nBins: 36, binsPerOctave: 36, fminHz: 32 * C1_HZ, tuning: null }).tuning,
    ).toBe(meta.b.features.chroma_cqt!.tuning);
  });

  it("puts a pure tone in its own bin", () => {
    const sr = 22050,
      y = new Float32Array(sr);
    for (let i = 0; i < y.length; i++) y[i] = Math.sin((2 * Math.PI * 440 * i) / sr);
    const c = cqt(y, { sampleRateHz: sr, nBins: 84 });
    const mag = cqtMagnitude(c);
    const t = 20;
    let best = 0;
    for (let b = 0; b < 84; b++) if (mag[b * c.nFrames + t]! > mag[best * c.nFrames + t]!) best = b;
    expect(best).toBe(45); // A4 is 45 semitones above C1
  });

  it("rejects NaN samples with NonFiniteAudio", () => {
    expect(() => cqt(new Float32Array([0, Number.NaN, 0]), { sampleRateHz: 22050 })).toThrow(
      expect.objectContaining({ _tag: "NonFiniteAudio" }),
    );
  });

  it("rejects a signal shorter than the early downsampling factor like librosa", () => {
    expect(() =>
      cqt(new Float32Array([0.5]), { sampleRateHz: 44100, nBins: 252, binsPerOctave: 36 }),
    ).toThrow(expect.objectContaining({ _tag: "InvalidParameter" }));
    expect(
      cqt(new Float32Array([0.5, 0.5]), { sampleRateHz: 44100, nBins: 252, binsPerOctave: 36 }).nFrames,
    ).toBe(1);
  });

  it("rejects bins above Nyquist with InvalidParameter and empty audio", () => {
    expect(() => cqt(new Float32Array(1000), { sampleRateHz: 8000, nBins: 84 })).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
    expect(() => cqt(new Float32Array(0), { sampleRateHz: 22050 })).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
  });
});

describe("waveletLengths", () => {
  it("gives Q·sr/f with Q from the relative bandwidth", () => {
    const freqs = cqtFrequencies(252, C1_HZ, 36);
    const alpha = relativeBandwidth(freqs);
    const { lengths, cutoffHz } = waveletLengths(freqs, 22050, alpha);
    expect(alpha[100]).toBeCloseTo((2 ** (1 / 18) - 1) / (2 ** (1 / 18) + 1), 12);
    expect(lengths[0]).toBeCloseTo(22050 / alpha[0]! / C1_HZ, 6);
    // parity: the top bin's cutoff is why files at 22050 Hz get no early downsampling (librosa.md §4).
    expect(cutoffHz).toBeGreaterThan(4100);
    expect(cutoffHz).toBeLessThan(4200);
  });
});
