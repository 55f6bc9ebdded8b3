/**
 * Video decoding to RGB24 frames through ffmpeg, streamed into one preallocated frame buffer that is handed
 * to the consumer (async iterator or callback) and reused: memory stays bounded on any video length.
 * Frame rate: ffmpeg `fps=F:round=down` (AIST++'s "exact fps, round down", `aist_plusplus/utils.py`).
 * Crops: JustLMD's `1_DOWNLOAD.py` filters (`left` = `crop=in_w/2:in_h:0:0`, `right` = `…:in_w/2:0`,
 * `center` = `…:in_w/4:0`), applied before scaling (swscale `area` unless asked otherwise). No audio, no rotation handling.
 */
import { DecodeFailed, NoVideoStream } from "./errors.js";
import { ffmpegStream } from "./ffmpeg.js";
import { probeMedia } from "./media.js";
import type { VideoStreamInfo } from "./media.js";

/** JustLMD's crop modes. */
export type CropMode = "full" | "left" | "right" | "center";

export interface DecodeVideoOptions {
  /** Output frame rate (exact, rounding timestamps down); default: the stream's own frames. */
  readonly fps?: number;
  /** Output size; default: the (cropped) input size. Give one to keep the aspect ratio. */
  readonly width?: number;
  readonly height?: number;
  readonly crop?: CropMode;
  /** swscale algorithm when resizing (default `area`: box averaging, alias-free and cheap on big downscales). */
  readonly scaleFlags?: "area" | "bicubic" | "bilinear" | "lanczos" | "neighbor";
  readonly startSec?: number;
  readonly durationSec?: number;
  /** Frames buffered ahead of the consumer (default 4). */
  readonly bufferFrames?: number;
}

/** One decoded frame; `data` is reused for the next frame, so copy it to keep it. */
export interface VideoFrame {
  readonly index: number;
  /** Presentation time from the start of the file, in seconds. */
  readonly timeSec: number;
  readonly width: number;
  readonly height: number;
  /** RGB24, row-major, `width × height × 3` bytes. */
  readonly data: Uint8Array;
}

const CROP_FILTERS: Record<Exclude<CropMode, "full">, string> = {
  left: "crop=in_w/2:in_h:0:0",
  right: "crop=in_w/2:in_h:in_w/2:0",
  center: "crop=in_w/2:in_h:in_w/4:0",
};

/** log2 of horizontal and vertical chroma subsampling of a pixel format (ffmpeg's crop aligns to it). */
function chromaShift(pixelFormat: string | undefined): { h: number; v: number } {
  const f = pixelFormat ?? "";
  if (/^(yuvj?420|nv1[26]|nv21|p01[06])/.test(f)) return { h: 1, v: 1 };
  if (/^(yuvj?422|yuyv|uyvy)/.test(f)) return { h: 1, v: 0 };
  if (/^yuvj?411/.test(f)) return { h: 2, v: 0 };
  return { h: 0, v: 0 };
}

/** The size frames will have for this stream and these options. */
export function videoFrameSize(
  video: VideoStreamInfo,
  options: Pick<DecodeVideoOptions, "crop" | "width" | "height">,
): { width: number; height: number } {
  const shift = chromaShift(video.pixelFormat);
  const halve = options.crop !== undefined && options.crop !== "full";
  // parity: ffmpeg's crop truncates the expression and aligns width/height to the chroma subsampling
  const cropW = halve ? Math.trunc(video.width / 2) & ~((1 << shift.h) - 1) : video.width;
  const cropH = halve ? video.height & ~((1 << shift.v) - 1) : video.height;
  const { width, height } = options;
  if (width !== undefined && height !== undefined) return { width, height };
  if (width !== undefined) return { width, height: 2 * Math.round((width * cropH) / cropW / 2) };
  if (height !== undefined) return { width: 2 * Math.round((height * cropW) / cropH / 2), height };
  return { width: cropW, height: cropH };
}

function filterChain(options: DecodeVideoOptions, size: { width: number; height: number }): string {
  const filters: string[] = [];
  if (options.fps !== undefined) filters.push(`fps=fps=${options.fps}:round=down`);
  if (options.crop !== undefined && options.crop !== "full") filters.push(CROP_FILTERS[options.crop]);
  if (options.width !== undefined || options.height !== undefined)
    filters.push(`scale=${size.width}:${size.height}:flags=${options.scaleFlags ?? "area"}`);
  filters.push("format=rgb24");
  return filters.join(",");
}

/** Decodes frames of the first video stream; `NoVideoStream` when there is none, `DecodeFailed` on bad data. */
export async function* decodeVideoFrames(
  file: string,
  options: DecodeVideoOptions = {},
): AsyncGenerator<VideoFrame, void, undefined> {
  const info = await probeMedia(file);
  if (info.video === undefined) throw new NoVideoStream(file);
  const size = videoFrameSize(info.video, options);
  const frameBytes = size.width * size.height * 3;
  const startSec = options.startSec ?? 0;
  const inputOptions = startSec > 0 ? ["-ss", String(startSec)] : [];
  const outputOptions = [
    "-map",
    `0:${info.video.index}`,
    "-an",
    "-sn",
    "-dn",
    "-vf",
    filterChain(options, size),
    "-pix_fmt",
    "rgb24",
  ];
  if (options.durationSec !== undefined) outputOptions.push("-t", String(options.durationSec));
  const highWaterMarkBytes = frameBytes * (options.bufferFrames ?? 4);
  const { output, kill } = await ffmpegStream(file, {
    inputOptions,
    outputOptions,
    format: "rawvideo",
    highWaterMarkBytes,
  });
  const frame = new Uint8Array(frameBytes);
  const fps = options.fps ?? info.video.fps;
  let filled = 0;
  let index = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - at);
        frame.set(chunk.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === frameBytes) {
          yield {
            index,
            timeSec: startSec + index / fps,
            width: size.width,
            height: size.height,
            data: frame,
          };
          index += 1;
          filled = 0;
        }
      }
    }
    if (filled !== 0)
      throw new DecodeFailed(file, `ffmpeg ended inside frame ${index} (${filled} of ${frameBytes} bytes)`);
  } finally {
    if (!output.readableEnded) kill();
  }
}

/** Calls `onFrame` for each frame (awaited, so a slow consumer slows ffmpeg down); returns the frame count. */
export async function forEachVideoFrame(
  file: string,
  options: DecodeVideoOptions,
  onFrame: (frame: VideoFrame) => void | Promise<void>,
): Promise<number> {
  let count = 0;
  for await (const frame of decodeVideoFrames(file, options)) {
    await onFrame(frame);
    count += 1;
  }
  return count;
}
