import { describe, expect, it } from "vitest";
import { maxRelError, meta, readF32, readWav } from "../test/chroma/fixtures.js";
import { resample, resampleFilter, resamplePoly, upFirDown } from "./resample.js";

const CASES: [number, number][] = [
  [1, 2],
  [2, 3],
  [16, 50],
  [3, 1],
];

function chirp(): Float32Array {
  const x = new Float32Array(1001);
  for (let n = 0; n < x.length; n++)
    x[n] = 0.5 * Math.sin((2 * Math.PI * 0.003 * n * n) / 10) + 0.3 * Math.sin(2 * Math.PI * 0.21 * n);
  return x;
}

describe("resamplePoly", () => {
  it("matches scipy.signal.resample_poly for several up/down pairs", () => {
    const golden = readF32("resample_poly.f32");
    let offset = 0;
    for (const [up, down] of CASES) {
      const out = resamplePoly(chirp(), up, down);
      const expected = golden.subarray(offset, offset + out.length);
      offset += out.length;
      // 1e-6: scipy accumulates the float32 taps in float32, we in float64.
      expect(maxRelError(out, expected)).toBeLessThan(1e-6);
    }
    expect(offset).toBe(golden.length);
  });
});

describe("resample", () => {
  it("returns ⌈n·ratio⌉ samples and scales by 1/√ratio", () => {
    const y = chirp();
    const plain = resample(y, { origSampleRateHz: 2, targetSampleRateHz: 1, resType: "polyphase" });
    const scaled = resample(y, {
      origSampleRateHz: 2,
      targetSampleRateHz: 1,
      resType: "polyphase",
      scale: true,
    });
    expect(plain.length).toBe(501);
    expect(scaled[100]! / plain[100]!).toBeCloseTo(Math.SQRT2, 5);
  });

  it("keeps a low tone and removes one above the new Nyquist with soxr_hq", () => {
    const sr = 48000,
      n = 4800;
    const low = new Float32Array(n),
      high = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      low[i] = Math.sin((2 * Math.PI * 1000 * i) / sr);
      high[i] = Math.sin((2 * Math.PI * 9000 * i) / sr);
    }
    const lowOut = resample(low, { origSampleRateHz: sr, targetSampleRateHz: 15360 });
    const highOut = resample(high, { origSampleRateHz: sr, targetSampleRateHz: 15360 });
    expect(lowOut.length).toBe(1536);
    let errLow = 0,
      maxHigh = 0;
    for (let i = 300; i < 1200; i++) {
      errLow = Math.max(errLow, Math.abs(lowOut[i]! - Math.sin((2 * Math.PI * 1000 * i) / 15360)));
      maxHigh = Math.max(maxHigh, Math.abs(highOut[i]!));
    }
    expect(errLow).toBeLessThan(1e-4);
    expect(maxHigh).toBeLessThan(1e-5);
  });

  it("returns the input unchanged when the rates agree, and rejects non-integer rates", () => {
    const y = chirp();
    expect(resample(y, { origSampleRateHz: 100, targetSampleRateHz: 100 })).toBe(y);
    expect(() => resample(y, { origSampleRateHz: 44100.5, targetSampleRateHz: 22050 })).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
  });
});

describe("resample (FFT path)", () => {
  it("decimates long filters by overlap-save with the same result as the direct sum", () => {
    const x = new Float32Array(20011);
    for (let i = 0; i < x.length; i++)
      x[i] = Math.sin(i * 0.37) * Math.cos(i * 0.0021) + ((i * 7919) % 13) / 50;
    for (const down of [2, 3]) {
      const direct = upFirDown(x, resampleFilter(1, down, "soxr_hq"), 1, down);
      const viaFft = resample(x, { origSampleRateHz: down, targetSampleRateHz: 1 });
      expect(viaFft.length).toBe(direct.length);
      // 1e-6: float32 output rounding; the two float64 sums agree to ~1e-13.
      expect(maxRelError(viaFft, direct)).toBeLessThan(1e-6);
    }
  });
});

describe("resample (librosa.load goldens)", () => {
  it("matches librosa.load(sr=22050) of the 44.1 kHz file c: the 2:1 ratio the CQT uses", () => {
    const { y, sr } = readWav("c");
    const golden = meta.c.loadDefaultSr!;
    const out = resample(y, { origSampleRateHz: sr, targetSampleRateHz: 22050 });
    expect(out.length).toBe(golden.length);
    // 1e-4 of the max: our soxr_hq approximation (measured 5e-5 on the first samples, where the edge transient is).
    expect(maxRelError(out.subarray(0, 20), golden.first20)).toBeLessThan(1e-4);
  });

  it("gives librosa.load's lengths ⌈n·target/orig⌉ for upsampling ratios (files d, e)", () => {
    for (const key of ["d", "e"] as const) {
      const { y, sr } = readWav(key);
      expect(resample(y, { origSampleRateHz: sr, targetSampleRateHz: 22050 }).length).toBe(
        meta[key].loadDefaultSr!.length,
      );
    }
  });
});
