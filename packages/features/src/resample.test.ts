import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { maxRelError, meta, readF32, readWav } from "../test/chroma/fixtures.js";
import { resample, resampleFilter, resamplePoly, upFirDown } from "./resample.js";

const soxrDir = fileURLToPath(new URL("../test/fixtures/soxr/", import.meta.url));
interface SoxrCase {
  name: string;
  inRate: number;
  outRate: number;
  inputLength: number;
  seed: number;
  outputLength: number;
  fnv1a64?: string;
  wav?: "b" | "c";
  first?: number[];
  last?: number[];
}
const soxrCases = JSON.parse(readFileSync(join(soxrDir, "cases.json"), "utf8")) as SoxrCase[];

/** test/fixtures/soxr/makeSoxrGoldens.c's `make_signal`, in the same integer arithmetic. */
function soxrSignal(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const noise = (s >>> 20) - 2048;
    const period = 37 + (Math.floor(i / 700) % 5) * 23;
    const phase = i % period;
    const half = Math.trunc(period / 2);
    let v = Math.trunc(((phase < half ? phase : period - phase) * 16000) / half) - 8000 + noise;
    if (Math.floor(i / 500) % 7 === 3) v = 0;
    if (i % 1000 === 234) v = 30000;
    x[i] = v / 32768;
  }
  return x;
}

function fnv1a64(x: Float32Array): string {
  const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, "0");
}

const maxAbsDiff = (a: Float32Array, b: ArrayLike<number>): number => {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

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
    for (const down of [7, 16]) {
      const direct = upFirDown(x, resampleFilter(1, down), 1, down);
      const viaFft = resample(x, { origSampleRateHz: down, targetSampleRateHz: 1, resType: "polyphase" });
      expect(viaFft.length).toBe(direct.length);
      // 1e-6: float32 output rounding; the two float64 sums agree to ~1e-13.
      expect(maxRelError(viaFft, direct)).toBeLessThan(1e-6);
    }
  });
});

describe("resample (soxr_hq against libsoxr)", () => {
  it.each(soxrCases.filter((c) => c.fnv1a64 === undefined))(
    "is bit-identical to libsoxr 0.1.3 for $name",
    (c) => {
      const out = resample(soxrSignal(c.inputLength, c.seed), {
        origSampleRateHz: c.inRate,
        targetSampleRateHz: c.outRate,
        fix: false,
      });
      // exact: the same C code, and glibc's sinf/cosf for PFFFT's twiddles (see scripts/build-soxr-wasm.sh)
      expect(maxAbsDiff(out, readF32(`../soxr/${c.name}.f32`))).toBe(0);
    },
  );

  it("feeds long input in python-soxr's chunks, bit for bit", () => {
    const c = soxrCases.find((k) => k.fnv1a64 !== undefined && k.wav === undefined)!;
    const out = resample(soxrSignal(c.inputLength, c.seed), {
      origSampleRateHz: c.inRate,
      targetSampleRateHz: c.outRate,
      fix: false,
    });
    expect(out.length).toBe(c.outputLength);
    expect(Array.from(out.subarray(0, 8))).toEqual(c.first!.map(Math.fround));
    expect(Array.from(out.subarray(-8))).toEqual(c.last!.map(Math.fround));
    expect(fnv1a64(out)).toBe(c.fnv1a64);
  });

  it.each(soxrCases.filter((c) => c.wav !== undefined))(
    "resamples fixture $wav to $outRate Hz (a feature set's load) bit for bit",
    (c) => {
      const { y, sr } = readWav(c.wav!);
      const out = resample(y, { origSampleRateHz: sr, targetSampleRateHz: c.outRate, fix: false });
      expect(out.length).toBe(c.outputLength);
      expect(Array.from(out.subarray(0, 8))).toEqual(c.first!.map(Math.fround));
      expect(fnv1a64(out)).toBe(c.fnv1a64);
    },
  );

  it("pads libsoxr's short flush with zeros to ⌈n·ratio⌉ (librosa fix_length)", () => {
    const c = soxrCases.find((k) => k.name === "16000_to_22050")!;
    const out = resample(soxrSignal(c.inputLength, c.seed), {
      origSampleRateHz: 16000,
      targetSampleRateHz: 22050,
    });
    expect(c.outputLength).toBe(4134);
    expect(out.length).toBe(4135);
    expect(out[4134]).toBe(0);
  });
});

describe("resample (librosa.load goldens)", () => {
  it("matches librosa.load(sr=22050) bit for bit for the 44.1, 16 and 15.36 kHz files (c, d, e)", () => {
    for (const key of ["c", "d", "e"] as const) {
      const { y, sr } = readWav(key);
      const golden = meta[key].loadDefaultSr!;
      const out = resample(y, { origSampleRateHz: sr, targetSampleRateHz: 22050 });
      expect(out.length).toBe(golden.length);
      expect(maxAbsDiff(out.subarray(0, 20), golden.first20.map(Math.fround))).toBe(0);
    }
  });
});
