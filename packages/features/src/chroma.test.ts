import { describe, expect, it } from "vitest";
import { meta, maxRelError, readF32, readWav, type FixtureKey } from "../test/chroma/fixtures.js";
import { chromaFilterBank, chromaStft } from "./chroma.js";

const KEYS: FixtureKey[] = ["a", "b", "c", "d", "e", "f"];

describe("chromaStft", () => {
  for (const key of KEYS) {
    it(`matches librosa chroma_stft and its estimated tuning on file ${key}`, () => {
      const { y, sr } = readWav(key);
      const golden = meta[key].features.chroma_stft!;
      const out = chromaStft(y, { sampleRateHz: sr });
      expect(out.tuning).toBe(golden.tuning);
      expect([out.nBins, out.nFrames]).toEqual(golden.shape);
      // 1e-4 of the max: the bar (float64 accumulation vs librosa's float32 einsum).
      expect(maxRelError(out.data, readF32(`${key}.chroma_stft.f32`))).toBeLessThan(1e-4);
    });
  }

  it("leaves all-zero frames of digital silence at zero and estimates tuning 0", () => {
    const out = chromaStft(new Float32Array(4096), { sampleRateHz: 22050 });
    expect(out.tuning).toBe(0);
    expect(out.data.every((v) => v === 0)).toBe(true);
  });

  it("handles a 1-sample clip (one frame, shorter than n_fft)", () => {
    const out = chromaStft(new Float32Array([0.5]), { sampleRateHz: 22050 });
    expect([out.nBins, out.nFrames]).toEqual([12, 1]);
    expect(Math.max(...out.data)).toBeCloseTo(1, 6);
  });

  it("rejects NaN samples with NonFiniteAudio", () => {
    expect(() => chromaStft(new Float32Array([0, Number.NaN, 0]), { sampleRateHz: 22050 })).toThrow(
      expect.objectContaining({ _tag: "NonFiniteAudio" }),
    );
  });
});

describe("chromaFilterBank", () => {
  it("has unit-norm-shaped columns rolled to C and 1 + n_fft/2 columns", () => {
    const bank = chromaFilterBank({ sampleRateHz: 22050, nFft: 2048 });
    expect(bank.length).toBe(12 * 1025);
    // The A440 bin (≈ bin 40.9) weighs pitch class A (9) most.
    const col = 41;
    const weights = Array.from({ length: 12 }, (_, c) => bank[c * 1025 + col]!);
    expect(weights.indexOf(Math.max(...weights))).toBe(9);
  });
});

describe("chromaFilterBank (goldens)", () => {
  it.each([
    ["chroma_22050_2048_tuning0", 0],
    ["chroma_22050_2048_tuning_b", -0.08999999999999997],
  ])("matches librosa filters.chroma %s", (name, tuning) => {
    const bank = chromaFilterBank({ sampleRateHz: 22050, nFft: 2048, tuning });
    // 1e-6: float64 design rounded to float32, like librosa.
    expect(maxRelError(bank, readF32(`filters.${name}.f32`))).toBeLessThan(1e-6);
  });
});
