/**
 * `estimatePoses(file, options)`: 2D poses of the one tracked person in an image or a video. Video frames
 * stream from ingest's ffmpeg decoder (scaled so the longest side is at most `maxSidePx`) in chunks of 32,
 * each primed by the 4 frames before it, so the result is the same with any number of worker threads.
 * Keypoints come back in source pixels with per-frame and per-clip quality flags; frames without a person
 * hold NaN, never a guessed pose. Smoothing (One Euro) runs last, on the assembled track.
 */
import { open } from "node:fs/promises";
import sharp from "sharp";
import { decodeVideoFrames, probeMedia, videoFrameSize } from "@choreo/ingest";
import { initBackend, type PoseBackend, type PoseBackendPreference } from "./backend.js";
import { UnsupportedInput } from "./errors.js";
import { PoseEstimateParams, type PoseEstimate, type PoseEstimateParamsInput } from "./estimateSchema.js";
import {
  createFramePoseModel,
  estimateSequence,
  packedFrames,
  type SequenceEstimate,
} from "./estimateSequence.js";
import type { RgbFrame } from "./estimateTypes.js";
import { smoothKeypoints } from "./oneEuro.js";
import { createPoseWorkers, type FrameChunk } from "./poseWorker.js";
import { clipQuality, frameQuality } from "./quality.js";

export type EstimatePosesOptions = PoseEstimateParamsInput & {
  /** Worker threads for inference (default 1: in this thread). Results do not depend on it. */
  readonly workers?: number;
  readonly backend?: PoseBackendPreference;
};

const chunkFrames = 32;
const warmupFrames = 4;
const imagePasses = 3;

/** True when the file starts like a JPEG, PNG, WebP, GIF, BMP or TIFF image. */
export async function isImageFile(file: string): Promise<boolean> {
  const handle = await open(file, "r").catch((cause: unknown) => {
    throw new UnsupportedInput(file, "cannot open it", { cause });
  });
  const head = Buffer.alloc(12);
  try {
    await handle.read(head, 0, 12, 0);
  } finally {
    await handle.close();
  }
  const ascii = head.toString("latin1");
  return (
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    ascii.startsWith("\x89PNG") ||
    (ascii.startsWith("RIFF") && ascii.slice(8, 12) === "WEBP") ||
    ascii.startsWith("GIF8") ||
    ascii.startsWith("BM") ||
    ascii.startsWith("II*\0") ||
    ascii.startsWith("MM\0*")
  );
}

/** The decode size: the source scaled down (never up) so its longest side fits, with even sides. */
function decodeSize(width: number, height: number, maxSidePx: number): { width: number; height: number } {
  const scale = Math.min(1, maxSidePx / Math.max(width, height));
  if (scale === 1) return { width, height };
  const even = (n: number): number => Math.max(2, 2 * Math.round(n / 2));
  return { width: even(width * scale), height: even(height * scale) };
}

async function decodeImage(
  file: string,
  maxSidePx: number,
): Promise<{ frame: RgbFrame; width: number; height: number }> {
  try {
    const oriented = sharp(file).rotate();
    const meta = await sharp(await oriented.clone().png().toBuffer()).metadata();
    const size = decodeSize(meta.width, meta.height, maxSidePx);
    const { data, info } = await oriented
      .resize(size.width, size.height, { fit: "fill" })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      frame: { width: info.width, height: info.height, data: new Uint8Array(data) },
      width: meta.width,
      height: meta.height,
    };
  } catch (cause) {
    throw new UnsupportedInput(file, "cannot decode this image", { cause });
  }
}

/** Streams a video in overlapping chunks through `estimate`, at most `inFlight` at a time, in order. */
async function estimateVideoChunks(
  frames: AsyncIterable<RgbFrame>,
  estimate: (chunk: FrameChunk) => Promise<SequenceEstimate>,
  inFlight: number,
): Promise<SequenceEstimate[]> {
  const results: Promise<SequenceEstimate>[] = [];
  let prefix: Uint8Array[] = [];
  let batch: Uint8Array[] = [];
  let shape = { width: 0, height: 0 };
  const flush = async (): Promise<void> => {
    const all = [...prefix, ...batch];
    const data = new Uint8Array(all.reduce((n, f) => n + f.length, 0));
    all.reduce((at, f) => (data.set(f, at), at + f.length), 0);
    results.push(estimate({ ...shape, count: all.length, warmupFrames: prefix.length, data }));
    prefix = batch.slice(-warmupFrames);
    batch = [];
    if (results.length > inFlight) await results[results.length - 1 - inFlight];
  };
  for await (const frame of frames) {
    shape = { width: frame.width, height: frame.height };
    batch.push(frame.data.slice());
    if (batch.length === chunkFrames) await flush();
  }
  if (batch.length > 0) await flush();
  return Promise.all(results);
}

function concat(parts: readonly (Float32Array | undefined)[]): Float32Array | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const out = new Float32Array(parts.reduce((n, p) => n + p!.length, 0));
  parts.reduce((at, p) => (out.set(p!, at), at + p!.length), 0);
  return out;
}

/** Scales x, y (and BlazePose's pixel z) from decoded to source pixels, in place. */
function toSourcePixels(
  values: Float32Array | undefined,
  stride: number,
  sx: number,
  sy: number,
  scaleZ: boolean,
): void {
  if (values === undefined) return;
  for (let i = 0; i < values.length; i += stride) {
    values[i] = values[i]! * sx;
    values[i + 1] = values[i + 1]! * sy;
    if (scaleZ) values[i + 2] = values[i + 2]! * sx;
  }
}

/** Estimates the poses of the one tracked person in an image or a video file. */
export async function estimatePoses(file: string, options: EstimatePosesOptions = {}): Promise<PoseEstimate> {
  const params = PoseEstimateParams.parse(options);
  const backend: PoseBackend = await initBackend(options.backend ?? "auto");
  let sequence: SequenceEstimate;
  let source: { width: number; height: number };
  let decoded: { width: number; height: number };
  let fps: number | null = null;
  if (await isImageFile(file)) {
    const image = await decodeImage(file, params.maxSidePx);
    const model = await createFramePoseModel(params.model);
    sequence = await estimateSequence(model, [image.frame], { count: 1, passes: imagePasses });
    source = image;
    decoded = image.frame;
  } else {
    const info = await probeMedia(file).catch((cause: unknown) => {
      throw new UnsupportedInput(file, "neither an image nor a media file ffprobe can read", { cause });
    });
    if (info.video === undefined || info.video.width === 0)
      throw new UnsupportedInput(file, "no video stream");
    // JustLMD's crop modes: keypoints are in the pixels of the cropped video, as JustLMD crops the video itself.
    source = params.crop === "full" ? info.video : videoFrameSize(info.video, { crop: params.crop });
    decoded = decodeSize(source.width, source.height, params.maxSidePx);
    fps = params.fps ?? info.video.fps;
    const frames = decodeVideoFrames(file, {
      ...decoded,
      ...(params.fps !== undefined && { fps: params.fps }),
      ...(params.crop !== "full" && { crop: params.crop }),
    });
    const workers = Math.max(1, options.workers ?? 1);
    if (workers === 1) {
      const model = await createFramePoseModel(params.model);
      const parts = await estimateVideoChunks(
        frames,
        (c) => estimateSequence(model, packedFrames(c.data, c), c),
        0,
      );
      sequence = joinSequences(parts);
    } else {
      const pool = createPoseWorkers(workers, { model: params.model, backend, file });
      try {
        sequence = joinSequences(await estimateVideoChunks(frames, (c) => pool.estimate(c), 2 * workers));
      } finally {
        await pool.terminate();
      }
    }
  }
  return finish(sequence, { params, backend, fps, source, decoded });
}

function joinSequences(parts: readonly SequenceEstimate[]): SequenceEstimate {
  return {
    frames: parts.reduce((n, p) => n + p.frames, 0),
    coco17: concat(parts.map((p) => p.coco17)) ?? new Float32Array(0),
    blazepose33: parts.length === 0 ? undefined : concat(parts.map((p) => p.blazepose33)),
    world33: parts.length === 0 ? undefined : concat(parts.map((p) => p.world33)),
  };
}

function finish(
  sequence: SequenceEstimate,
  at: {
    params: PoseEstimateParams;
    backend: PoseBackend;
    fps: number | null;
    source: { width: number; height: number };
    decoded: { width: number; height: number };
  },
): PoseEstimate {
  const { coco17: keypoints, blazepose33, world33, frames } = sequence;
  const [sx, sy] = [at.source.width / at.decoded.width, at.source.height / at.decoded.height];
  toSourcePixels(keypoints, 3, sx, sy, false);
  toSourcePixels(blazepose33, 4, sx, sy, true);
  const poses = Array.from({ length: frames }, (_, t) => {
    const kp = keypoints.subarray(t * 51, (t + 1) * 51);
    return Number.isNaN(kp[2]) ? undefined : kp;
  });
  const { flags, present } = frameQuality(poses, at.source);
  for (let t = 0; t < frames; t++) {
    if (present[t] === 1) continue;
    keypoints.fill(NaN, t * 51, (t + 1) * 51);
    blazepose33?.fill(NaN, t * 132, (t + 1) * 132);
    world33?.fill(NaN, t * 99, (t + 1) * 99);
  }
  if (at.params.smoothing !== undefined && at.fps !== null) {
    const scalePx = Math.max(at.source.width, at.source.height);
    smoothKeypoints(
      keypoints,
      present,
      { joints: 17, channels: 3, fps: at.fps, scalePx },
      at.params.smoothing,
    );
    if (blazepose33 !== undefined)
      smoothKeypoints(
        blazepose33,
        present,
        { joints: 33, channels: 4, fps: at.fps, scalePx },
        at.params.smoothing,
      );
  }
  return {
    model: at.params.model,
    fps: at.fps,
    width: at.source.width,
    height: at.source.height,
    frames,
    keypoints,
    blazepose33,
    world33,
    frameFlags: flags,
    clipFlags: clipQuality(flags),
    backend: at.backend,
  };
}
