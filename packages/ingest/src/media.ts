/**
 * Media probing and audio decoding through ffprobe/ffmpeg. `probeMedia` reports duration, streams, fps and
 * size; `decodeAudio` gives float32 PCM at a requested rate, cut by offset/duration like librosa.load
 * (`int(seconds × rate)` samples), mono as the float32 mean of channels (done here, not by ffmpeg's matrix).
 * Resampling is ffmpeg's swresample, not librosa's soxr_hq, so resampled samples are close but not
 * bit-identical to librosa; WAV at its native rate should go through `readWav` for exact parity.
 */
import { stat } from "node:fs/promises";
import ffmpeg from "fluent-ffmpeg";
import type { FfprobeData, FfprobeStream } from "fluent-ffmpeg";
import { DecodeFailed, NoAudioStream } from "./errors.js";
import { ffmpegStream, findFfmpeg } from "./ffmpeg.js";
import { downmix } from "./wav.js";

/** One stream of a media file. */
export interface StreamInfo {
  readonly index: number;
  readonly type: "video" | "audio" | "subtitle" | "data" | "other";
  readonly codec: string;
  readonly durationSec: number | undefined;
}

export interface VideoStreamInfo extends StreamInfo {
  readonly type: "video";
  readonly width: number;
  readonly height: number;
  /** Average frame rate (`avg_frame_rate`, else `r_frame_rate`). */
  readonly fps: number;
  readonly frames: number | undefined;
  readonly pixelFormat: string | undefined;
}

export interface AudioStreamInfo extends StreamInfo {
  readonly type: "audio";
  readonly sampleRateHz: number;
  readonly channels: number;
}

/** What `probeMedia` reports. */
export interface MediaInfo {
  readonly file: string;
  readonly formatName: string;
  readonly durationSec: number;
  readonly sizeBytes: number;
  readonly streams: readonly StreamInfo[];
  /** The first video stream, if any. */
  readonly video: VideoStreamInfo | undefined;
  /** The first audio stream, if any. */
  readonly audio: AudioStreamInfo | undefined;
}

/** Parses an ffprobe rate such as `30000/1001`; undefined for `0/0`. */
export function parseRate(rate: string | undefined): number | undefined {
  if (rate === undefined) return undefined;
  const [num, den] = rate.split("/").map(Number);
  if (num === undefined || !Number.isFinite(num)) return undefined;
  const value = den === undefined ? num : num / den;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function toStream(s: FfprobeStream): StreamInfo {
  const base = { index: s.index, codec: s.codec_name ?? "unknown", durationSec: num(s.duration) };
  if (s.codec_type === "video") {
    const video: VideoStreamInfo = {
      ...base,
      type: "video",
      width: s.width ?? 0,
      height: s.height ?? 0,
      fps: parseRate(s.avg_frame_rate) ?? parseRate(s.r_frame_rate) ?? 0,
      frames: num(s.nb_frames),
      pixelFormat: s.pix_fmt,
    };
    return video;
  }
  if (s.codec_type === "audio") {
    const audio: AudioStreamInfo = {
      ...base,
      type: "audio",
      sampleRateHz: num(s.sample_rate) ?? 0,
      channels: s.channels ?? 0,
    };
    return audio;
  }
  const known = ["subtitle", "data"] as const;
  return { ...base, type: known.find((k) => k === s.codec_type) ?? "other" };
}

/**
 * Probes a media file with ffprobe; `DecodeFailed` when it cannot be read (truncated, not media, or a
 * picture stream of 0×0).
 */
export async function probeMedia(file: string): Promise<MediaInfo> {
  const tools = await findFfmpeg();
  const data = await new Promise<FfprobeData>((resolve, reject) => {
    ffmpeg(file)
      .setFfprobePath(tools.ffprobePath)
      .ffprobe((err: unknown, result: FfprobeData) => {
        if (err)
          reject(
            new DecodeFailed(
              file,
              `ffprobe cannot read it: ${String((err as Error).message ?? err)
                .trim()
                .split("\n")
                .at(-1)}`,
              { cause: err },
            ),
          );
        else resolve(result);
      });
  });
  const streams = data.streams.map(toStream);
  // ffprobe "reads" any bytes named .png as an image2 stream of 0×0: that is no picture at all.
  const pictures = streams.filter((v): v is VideoStreamInfo => v.type === "video");
  if (pictures.some((v) => v.width === 0 || v.height === 0))
    throw new DecodeFailed(file, "not a readable image or video (ffprobe finds a 0×0 picture stream)");
  const sizeBytes = num(data.format.size) ?? (await stat(file)).size;
  return {
    file,
    formatName: data.format.format_name ?? "unknown",
    durationSec: num(data.format.duration) ?? 0,
    sizeBytes,
    streams,
    video: streams.find((s): s is VideoStreamInfo => s.type === "video"),
    audio: streams.find((s): s is AudioStreamInfo => s.type === "audio"),
  };
}

export interface DecodeAudioOptions {
  /** Output rate; default: the stream's own rate. */
  readonly sampleRateHz?: number;
  readonly offsetSec?: number;
  readonly durationSec?: number;
  /** Mean of channels (default true, as librosa.load). */
  readonly mono?: boolean;
}

/** Decoded PCM. */
export interface PcmAudio {
  readonly sampleRateHz: number;
  /** 1 when mono, else the stream's channels, interleaved in `samples`. */
  readonly channels: number;
  readonly samples: Float32Array;
}

/** Decodes the first audio stream to float32 PCM; `NoAudioStream` when there is none. */
export async function decodeAudio(file: string, options: DecodeAudioOptions = {}): Promise<PcmAudio> {
  const info = await probeMedia(file);
  if (info.audio === undefined) throw new NoAudioStream(file);
  const sampleRateHz = options.sampleRateHz ?? info.audio.sampleRateHz;
  const channels = info.audio.channels;
  const offsetSec = options.offsetSec ?? 0;
  const wantedFrames =
    options.durationSec === undefined ? undefined : Math.trunc(options.durationSec * sampleRateHz);
  const inputOptions = offsetSec > 0 ? ["-ss", String(offsetSec)] : [];
  // A little more than asked, then cut to exactly int(duration × rate) frames.
  const outputOptions = [
    "-map",
    `0:${info.audio.index}`,
    "-vn",
    "-sn",
    "-dn",
    "-ac",
    String(channels),
    "-ar",
    String(sampleRateHz),
  ];
  if (options.durationSec !== undefined) outputOptions.push("-t", String(options.durationSec + 0.1));
  const estimate =
    wantedFrames !== undefined
      ? wantedFrames + Math.ceil(0.1 * sampleRateHz) + 1024
      : Math.ceil(Math.max(0, info.durationSec - offsetSec) * sampleRateHz) + sampleRateHz;
  const { output } = await ffmpegStream(file, { inputOptions, outputOptions, format: "f32le" });
  const interleaved = await readFloat32(output, estimate * channels);
  const frames = Math.min(Math.floor(interleaved.length / channels), wantedFrames ?? Infinity);
  const cut = interleaved.subarray(0, frames * channels);
  const mono = options.mono ?? true;
  return {
    sampleRateHz,
    channels: mono ? 1 : channels,
    samples: mono && channels > 1 ? downmix(cut, channels) : cut.slice(),
  };
}

/** Reads a stream of little-endian float32 into one growing buffer (doubling, never per-chunk concat). */
async function readFloat32(stream: AsyncIterable<Buffer>, initialSamples: number): Promise<Float32Array> {
  let bytes = new Uint8Array(Math.max(4096, initialSamples * 4));
  let filled = 0;
  for await (const chunk of stream) {
    if (filled + chunk.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, filled + chunk.length));
      grown.set(bytes.subarray(0, filled));
      bytes = grown;
    }
    bytes.set(chunk, filled);
    filled += chunk.length;
  }
  const samples = Math.floor(filled / 4);
  return new Float32Array(bytes.buffer, 0, samples);
}
