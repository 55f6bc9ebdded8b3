import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeWav, downmix, encodeWav, readWav, readWavInfo } from "./wav.js";

const fixtures = new URL("../test/fixtures/wav/", import.meta.url);
// The librosa goldens of the music/speech WAVs are committed once, with @choreo/features' fixtures (made by
// packages/features/test/fixtures/make-librosa-fixtures.mjs from librosa 0.11.0); their `load` entries are read here.
const featureGoldens = new URL("../../features/test/fixtures/librosa/", import.meta.url);

interface LoadGolden {
  sr: number;
  length: number;
  first20: number[];
  mid_index: number;
  mid20: number[];
  last5: number[];
  sum_f64: number;
  sumsq_f64: number;
  min: number;
  max: number;
  stereo?: { shape: [number, number]; first20_per_channel: number[][]; mid20_per_channel: number[][] };
}
const goldens = JSON.parse(readFileSync(new URL("load_goldens.json", fixtures), "utf8")) as Record<
  string,
  { load: LoadGolden }
>;
const wavBytes = (stem: string): Uint8Array => gunzipSync(readFileSync(new URL(`${stem}.wav.gz`, fixtures)));
const f32 = (values: number[]): number[] => values.map((v) => Math.fround(v));

function expectLoadMatches(samples: Float32Array, golden: LoadGolden): void {
  expect(samples.length).toBe(golden.length);
  // exact: librosa's float32 values are stored as round-trip decimals
  expect(Array.from(samples.subarray(0, 20))).toEqual(f32(golden.first20));
  expect(Array.from(samples.subarray(golden.mid_index, golden.mid_index + 20))).toEqual(f32(golden.mid20));
  expect(Array.from(samples.subarray(samples.length - 5))).toEqual(f32(golden.last5));
  let sum = 0;
  let sumsq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of samples) {
    sum += v;
    sumsq += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  expect(min).toBe(golden.min);
  expect(max).toBe(golden.max);
  // rtol 1e-12: float64 sums in a different order than numpy's pairwise summation
  expect(Math.abs(sum - golden.sum_f64)).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(golden.sum_f64)) * samples.length,
  );
  expect(Math.abs(sumsq - golden.sumsq_f64)).toBeLessThanOrEqual(1e-12 * golden.sumsq_f64 * 10);
}

describe("readWav", () => {
  const cases = [
    ["a_clicks_120bpm_22050", "pcm16", 22050],
    ["g_decode_pcm24_stereo_48000", "pcm24", 48000],
    ["h_decode_float32_mono_22050", "float32", 22050],
  ] as const;
  for (const [stem, format, sampleRateHz] of cases) {
    it(`matches librosa.load(sr=None, mono=True) on ${stem}`, async () => {
      const audio = await readWav(wavBytes(stem));
      const golden = goldens[stem]!.load;
      expect(audio.format).toBe(format);
      expect(audio.sampleRateHz).toBe(sampleRateHz);
      expect(audio.channels).toBe(1);
      expectLoadMatches(audio.samples, golden);
    });
  }

  it("returns interleaved channels that match librosa.load(mono=False) on PCM24 stereo", async () => {
    const audio = await readWav(wavBytes("g_decode_pcm24_stereo_48000"), { mono: false });
    const stereo = goldens["g_decode_pcm24_stereo_48000"]!.load.stereo!;
    expect(audio.channels).toBe(2);
    expect(audio.frames).toBe(stereo.shape[1]);
    for (let c = 0; c < 2; c++) {
      const channel = Array.from({ length: 20 }, (_, i) => audio.samples[i * 2 + c]);
      expect(channel).toEqual(f32(stereo.first20_per_channel[c]!));
    }
  });

  it("cuts offset and duration as int(seconds × rate) frames", async () => {
    const bytes = wavBytes("h_decode_float32_mono_22050");
    const full = decodeWav(bytes);
    const cut = decodeWav(bytes, { offsetSec: 0.1, durationSec: 0.2 });
    // int(0.1 * 22050) = 2205, int(0.2 * 22050) = 4410
    expect(cut.frames).toBe(4410);
    expect(cut.samples).toEqual(full.samples.subarray(2205, 2205 + 4410));
    expect(decodeWav(bytes, { offsetSec: 0.4, durationSec: 5 }).frames).toBe(11025 - 8820);
  });

  it("matches every librosa load golden of the music and speech WAVs", async () => {
    for (const stem of ["b", "c", "d", "f"]) {
      // The features fixtures store float32 arrays as { $t: "f32", shape, b64 } (little-endian bytes).
      const text = gunzipSync(readFileSync(new URL(`${stem}.golden.json.gz`, featureGoldens))).toString(
        "utf8",
      );
      const golden = JSON.parse(text, (_key, v: unknown) =>
        typeof v === "object" && v !== null && (v as { $t?: string }).$t === "f32"
          ? Array.from(
              new Float32Array(Uint8Array.from(Buffer.from((v as { b64: string }).b64, "base64")).buffer),
            )
          : v,
      ) as { features: { load: LoadGolden } };
      const audio = await readWav(gunzipSync(readFileSync(new URL(`${stem}.wav.gz`, featureGoldens))));
      expectLoadMatches(audio.samples, golden.features.load);
    }
  });

  it("fails with InvalidFormat on bytes that are not a WAV", async () => {
    await expect(readWav(new TextEncoder().encode("not a wav at all"))).rejects.toMatchObject({
      _tag: "InvalidFormat",
    });
  });

  it("fails with InvalidFormat on a WAV without a data chunk", () => {
    const header = wavBytes("a_clicks_120bpm_22050").slice(0, 36);
    expect(() => decodeWav(header)).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }) as Error);
  });

  it("names a block size that holds no whole samples in integers, not as fractional bits", () => {
    const bytes = Uint8Array.from(wavBytes("a_clicks_120bpm_22050"));
    const view = new DataView(bytes.buffer);
    view.setUint16(22, 3, true); // 3 channels in a 2-byte block
    let message = "";
    try {
      decodeWav(bytes, {}, "odd.wav");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe("[ingest] odd.wav: invalid fmt: a block of 2 bytes does not hold 3 whole samples");
    view.setUint16(22, 1, true);
    view.setUint16(32, 5, true); // 5-byte PCM samples
    expect(() => decodeWav(bytes, {}, "odd.wav")).toThrow("format 0x1, 40 bits per sample");
  });

  it("fails with InvalidFormat on a missing file", async () => {
    await expect(readWav("/nonexistent/file.wav")).rejects.toMatchObject({ _tag: "InvalidFormat" });
  });
});

describe("encodeWav", () => {
  it("round-trips PCM16 stereo through readWav with round(x × 32767) quantization", () => {
    const samples = new Float32Array([0, 1, -1, 0.5, 0.25, -0.25]);
    const audio = decodeWav(encodeWav({ samples, sampleRateHz: 16000, channels: 2 }), { mono: false });
    expect(audio).toMatchObject({ sampleRateHz: 16000, channels: 2, frames: 3, format: "pcm16" });
    expect(Array.from(audio.samples)).toEqual(
      [0, 32767, -32767, 16384, 8192, -8192].map((v) => Math.fround(v / 32768)),
    );
  });

  it("round-trips float32 bit-exactly, skipping its fact chunk", () => {
    const samples = new Float32Array([0.1, -0.7, 0.33333334, 1e-8]);
    const bytes = encodeWav({ samples, sampleRateHz: 22050, format: "float32" });
    expect(readWavInfo(bytes)).toEqual({ sampleRateHz: 22050, channels: 1, format: "float32", frames: 4 });
    expect(decodeWav(bytes).samples).toEqual(samples);
  });

  it("reads WAVE_FORMAT_EXTENSIBLE, LIST chunks and odd chunk padding", () => {
    const pcm = new Int16Array([1000, -1000, 2000, -2000]);
    const fmt = new Uint8Array(48);
    const v = new DataView(fmt.buffer);
    fmt.set(new TextEncoder().encode("fmt "), 0);
    v.setUint32(4, 40, true);
    v.setUint16(8, 0xfffe, true);
    v.setUint16(10, 2, true);
    v.setUint32(12, 8000, true);
    v.setUint32(16, 8000 * 4, true);
    v.setUint16(20, 4, true);
    v.setUint16(22, 16, true);
    v.setUint16(24, 22, true);
    v.setUint16(26, 16, true);
    v.setUint32(28, 3, true);
    v.setUint16(32, 1, true); // SubFormat GUID starts with 0x0001 = PCM
    const list = new Uint8Array([...new TextEncoder().encode("LIST"), 3, 0, 0, 0, 65, 66, 67, 0]);
    const data = new Uint8Array([
      ...new TextEncoder().encode("data"),
      8,
      0,
      0,
      0,
      ...new Uint8Array(pcm.buffer),
    ]);
    const body = new Uint8Array([...new TextEncoder().encode("WAVE"), ...list, ...fmt, ...data]);
    const riff = new Uint8Array([
      ...new TextEncoder().encode("RIFF"),
      ...new Uint8Array(new Uint32Array([body.length]).buffer),
      ...body,
    ]);
    const audio = decodeWav(riff);
    expect(audio).toMatchObject({
      sampleRateHz: 8000,
      fileChannels: 2,
      channels: 1,
      frames: 2,
      format: "pcm16",
    });
    expect(Array.from(audio.samples)).toEqual([0, 0]);
    expect(Array.from(decodeWav(riff, { mono: false }).samples)).toEqual(
      [1000, -1000, 2000, -2000].map((x) => x / 32768),
    );
  });
});

describe("downmix", () => {
  it("averages channels in float32", () => {
    expect(Array.from(downmix(new Float32Array([0.1, 0.2, 1, 0]), 2))).toEqual([
      Math.fround(Math.fround(0.1) + Math.fround(0.2)) / 2,
      0.5,
    ]);
  });
});
