/**
 * WAV reading and writing in plain TypeScript, with librosa.load's conventions (librosa 0.11.0 over
 * soundfile/libsndfile 1.2.0): PCM16 / 32768, PCM24 / 8388608, PCM32 / 2^31, float32 as is, float64 rounded to
 * float32, mono = float32 mean of channels, offset/duration cut as `int(seconds × rate)` frames.
 * Reads RIFF/WAVE with WAVE_FORMAT_PCM, IEEE_FLOAT or EXTENSIBLE, skips unknown chunks (LIST, fact, PEAK, …)
 * and honours odd-size chunk padding. It does not resample, and does not read RF64, RIFX, A-law or µ-law.
 * The writer emits PCM16 or float32.
 */
import { readFile } from "node:fs/promises";
import { assertRegularFile } from "@choreo/core";
import { InvalidFormat } from "./errors.js";

/** Sample encodings the reader understands. */
export type WavSampleFormat = "pcm8" | "pcm16" | "pcm24" | "pcm32" | "float32" | "float64";

/** Decoded WAV audio. */
export interface WavAudio {
  readonly sampleRateHz: number;
  /** Channels in `samples`: 1 when downmixed to mono, else the file's channel count. */
  readonly channels: number;
  /** Channels stored in the file. */
  readonly fileChannels: number;
  /** Frames in `samples` (after offset/duration). */
  readonly frames: number;
  /** Mono samples, or frames interleaved (`[f0c0, f0c1, f1c0, …]`) when `channels > 1`. */
  readonly samples: Float32Array;
  readonly format: WavSampleFormat;
}

export interface ReadWavOptions {
  /** Mean of channels, as librosa.load (default true). */
  readonly mono?: boolean;
  /** Start, in seconds (librosa: `int(offsetSec × rate)` frames are skipped). */
  readonly offsetSec?: number;
  /** Length, in seconds (librosa: `int(durationSec × rate)` frames); default: to the end. */
  readonly durationSec?: number;
}

interface WavLayout {
  readonly sampleRateHz: number;
  readonly channels: number;
  readonly format: WavSampleFormat;
  readonly bytesPerSample: number;
  readonly dataOffset: number;
  readonly frames: number;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Reads a WAV file (path) or WAV bytes with librosa.load's decoding rules. */
export async function readWav(source: string | Uint8Array, options: ReadWavOptions = {}): Promise<WavAudio> {
  if (typeof source === "string") {
    assertRegularFile(source);
    const bytes = await readFile(source).catch((cause: unknown) => {
      throw new InvalidFormat(source, "cannot read the WAV file", { cause });
    });
    return decodeWav(bytes, options, source);
  }
  return decodeWav(source, options);
}

/** Decodes WAV bytes synchronously; `file` names the source in errors. */
export function decodeWav(bytes: Uint8Array, options: ReadWavOptions = {}, file = "<wav bytes>"): WavAudio {
  const layout = parseWavLayout(bytes, file);
  const { startFrame, frameCount } = cutFrames(layout, options);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const interleaved = decodeSamples(view, layout, startFrame, frameCount);
  const mono = options.mono ?? true;
  const samples = mono && layout.channels > 1 ? downmix(interleaved, layout.channels) : interleaved;
  return {
    sampleRateHz: layout.sampleRateHz,
    channels: mono ? 1 : layout.channels,
    fileChannels: layout.channels,
    frames: frameCount,
    samples,
    format: layout.format,
  };
}

/** Reads only the header: rate, channels, encoding and frame count. */
export function readWavInfo(
  bytes: Uint8Array,
  file = "<wav bytes>",
): Omit<WavLayout, "dataOffset" | "bytesPerSample"> {
  const { sampleRateHz, channels, format, frames } = parseWavLayout(bytes, file);
  return { sampleRateHz, channels, format, frames };
}

function ascii(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function parseWavLayout(bytes: Uint8Array, file: string): WavLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || ascii(view, 0) !== "RIFF" || ascii(view, 8) !== "WAVE") {
    throw new InvalidFormat(file, "not a RIFF/WAVE file");
  }
  let fmt: Omit<WavLayout, "dataOffset" | "frames"> | undefined;
  let data: { offset: number; size: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") fmt = parseFmt(view, body, size, file);
    else if (id === "data") {
      // A truncated file or a streamed header (size 0xFFFFFFFF) keeps what is really there.
      data = { offset: body, size: Math.min(size, bytes.byteLength - body) };
      if (fmt !== undefined) break;
    }
    offset = body + size + (size % 2); // chunks are padded to even sizes
  }
  if (fmt === undefined) throw new InvalidFormat(file, "no 'fmt ' chunk");
  if (data === undefined) throw new InvalidFormat(file, "no 'data' chunk");
  const frameBytes = fmt.bytesPerSample * fmt.channels;
  return { ...fmt, dataOffset: data.offset, frames: Math.floor(data.size / frameBytes) };
}

function parseFmt(
  view: DataView,
  at: number,
  size: number,
  file: string,
): Omit<WavLayout, "dataOffset" | "frames"> {
  if (size < 16 || at + 16 > view.byteLength) throw new InvalidFormat(file, "'fmt ' chunk too short");
  let code = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRateHz = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  if (code === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40 || at + 26 > view.byteLength)
      throw new InvalidFormat(file, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk too short");
    code = view.getUint16(at + 24, true); // first two bytes of the SubFormat GUID
  }
  if (channels === 0 || sampleRateHz === 0)
    throw new InvalidFormat(file, `invalid fmt: ${channels} channels at ${sampleRateHz} Hz`);
  // The container width decides the decoding; valid bits only say how many low bits are zero.
  if (blockAlign === 0 || blockAlign % channels !== 0)
    throw new InvalidFormat(
      file,
      `invalid fmt: a block of ${blockAlign} bytes does not hold ${channels} whole samples`,
    );
  const bytesPerSample = blockAlign / channels;
  const format = sampleFormat(code, bytesPerSample);
  if (format === undefined) {
    throw new InvalidFormat(
      file,
      `unsupported WAV encoding: format 0x${code.toString(16)}, ${bytesPerSample * 8} bits per sample`,
    );
  }
  return { sampleRateHz, channels, format, bytesPerSample };
}

function sampleFormat(code: number, bytesPerSample: number): WavSampleFormat | undefined {
  if (code === WAVE_FORMAT_PCM) {
    return ({ 1: "pcm8", 2: "pcm16", 3: "pcm24", 4: "pcm32" } as const)[bytesPerSample as 1 | 2 | 3 | 4];
  }
  if (code === WAVE_FORMAT_IEEE_FLOAT)
    return ({ 4: "float32", 8: "float64" } as const)[bytesPerSample as 4 | 8];
  return undefined;
}

function cutFrames(layout: WavLayout, options: ReadWavOptions): { startFrame: number; frameCount: number } {
  // parity: librosa/soundfile seek int(offset * sr) and read int(duration * sr) frames (truncation, not rounding)
  const start = Math.min(
    layout.frames,
    Math.max(0, Math.trunc((options.offsetSec ?? 0) * layout.sampleRateHz)),
  );
  const available = layout.frames - start;
  const wanted =
    options.durationSec === undefined
      ? available
      : Math.max(0, Math.trunc(options.durationSec * layout.sampleRateHz));
  return { startFrame: start, frameCount: Math.min(available, wanted) };
}

function decodeSamples(
  view: DataView,
  layout: WavLayout,
  startFrame: number,
  frameCount: number,
): Float32Array {
  const n = frameCount * layout.channels;
  const out = new Float32Array(n);
  const step = layout.bytesPerSample;
  let at = layout.dataOffset + startFrame * layout.channels * step;
  switch (layout.format) {
    case "pcm8":
      for (let i = 0; i < n; i++, at += 1) out[i] = (view.getUint8(at) - 128) / 128;
      break;
    case "pcm16":
      for (let i = 0; i < n; i++, at += 2) out[i] = view.getInt16(at, true) / 32768;
      break;
    case "pcm24":
      for (let i = 0; i < n; i++, at += 3) {
        const value = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
        out[i] = value / 8388608;
      }
      break;
    case "pcm32":
      // parity: libsndfile converts int32 to float first, then scales by 1/2^31
      for (let i = 0; i < n; i++, at += 4) out[i] = Math.fround(view.getInt32(at, true)) / 2147483648;
      break;
    case "float32":
      for (let i = 0; i < n; i++, at += 4) out[i] = view.getFloat32(at, true);
      break;
    case "float64":
      for (let i = 0; i < n; i++, at += 8) out[i] = view.getFloat64(at, true);
      break;
  }
  return out;
}

/** Mean of interleaved channels, accumulated in float32 as numpy's `np.mean(y, axis=0)` on float32 input. */
export function downmix(interleaved: Float32Array, channels: number): Float32Array {
  const frames = Math.floor(interleaved.length / channels);
  const out = new Float32Array(frames);
  for (let f = 0, at = 0; f < frames; f++, at += channels) {
    let sum = interleaved[at]!;
    for (let c = 1; c < channels; c++) sum = Math.fround(sum + interleaved[at + c]!);
    out[f] = sum / channels;
  }
  return out;
}

/** What `encodeWav` writes. */
export interface EncodeWavOptions {
  /** Mono samples, or frames interleaved when `channels > 1`; values in [-1, 1]. */
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  readonly channels?: number;
  /** `pcm16` (default: `round(x × 32767)`, half to even, clipped) or `float32` (IEEE float, with a `fact` chunk). */
  readonly format?: "pcm16" | "float32";
}

/** Encodes samples as a WAV file. */
export function encodeWav(options: EncodeWavOptions): Uint8Array {
  const { samples, sampleRateHz } = options;
  const channels = options.channels ?? 1;
  const format = options.format ?? "pcm16";
  if (!Number.isInteger(channels) || channels < 1 || samples.length % channels !== 0) {
    throw new RangeError(
      `[ingest] encodeWav: ${samples.length} samples do not split into ${channels} channels`,
    );
  }
  const isFloat = format === "float32";
  const bytesPerSample = isFloat ? 4 : 2;
  const dataBytes = samples.length * bytesPerSample;
  const fmtBytes = isFloat ? 18 : 16;
  const factBytes = isFloat ? 12 : 0;
  const header = 12 + 8 + fmtBytes + factBytes + 8;
  const out = new Uint8Array(header + dataBytes + (dataBytes % 2));
  const view = new DataView(out.buffer);
  const writeId = (at: number, id: string): void => {
    for (let i = 0; i < 4; i++) out[at + i] = id.charCodeAt(i);
  };
  writeId(0, "RIFF");
  view.setUint32(4, out.byteLength - 8, true);
  writeId(8, "WAVE");
  writeId(12, "fmt ");
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  let at = 20 + fmtBytes; // a float fmt chunk ends with cbSize = 0, already zero
  if (isFloat) {
    writeId(at, "fact");
    view.setUint32(at + 4, 4, true);
    view.setUint32(at + 8, samples.length / channels, true);
    at += 12;
  }
  writeId(at, "data");
  view.setUint32(at + 4, dataBytes, true);
  at += 8;
  if (isFloat) {
    for (let i = 0; i < samples.length; i++, at += 4) view.setFloat32(at, samples[i]!, true);
  } else {
    for (let i = 0; i < samples.length; i++, at += 2) view.setInt16(at, quantize16(samples[i]!), true);
  }
  return out;
}

function quantize16(x: number): number {
  const scaled = Math.max(-32768, Math.min(32767, x * 32767));
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  // round half to even, as lrintf in libsndfile's float-to-short conversion
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
