/**
 * DAG stages over the AIST++ and InDV readers: a source pickle (imported with
 * `build.source(path, "media", { container: "pkl" })`) becomes an `smpl`, `joints3d` or `pose2d` artifact
 * (safetensors, float32). Thin wrappers: all parsing lives in `aistpp.ts` and `indv.ts`; a bad file fails
 * its action with the reader's tagged error, which the build records per item. The work is synchronous
 * CPU (a pickle parse), hence `Promise.resolve` rather than `async` in `run`.
 */
import { defineStage, type Artifact, type StageContext, type Tensor } from "@choreo/core";
import { z } from "zod";
import { aistppFps, parseAistppKeypoints2d, parseAistppKeypoints3d, parseAistppMotion } from "./aistpp.js";
import { ShapeMismatch } from "./errors.js";
import { parseKeypointsClip } from "./indv.js";
import type { NdArray } from "./ndarray.js";
import { parsePickle, type PickleValue } from "./pickle.js";
import { execFileSync } from "node:child_process";
import { autoSlice, formatSlicedJson, lmdSequences } from "./autoSlice.js";
import { frameKey, missingFrames, parseSmplFull, smplMotion } from "./easymocap.js";
import { MissingFrames } from "./errors.js";
import { parseLrc } from "./lrc.js";
import { decodeAudio } from "./media.js";
import { decodeWav } from "./wav.js";

function f32(array: NdArray<"float32">): Tensor {
  return { dtype: "F32", shape: array.shape, data: array.data };
}

function pickleOf(ctx: StageContext, source: Artifact): PickleValue {
  return parsePickle(ctx.read(source), { file: `${ctx.item}.pkl` });
}

/** `motions/<seq>.pkl` → `smpl` (poses (T,72), trans (T,3); scaling in meta). */
export const aistppMotionStage = defineStage({
  id: "ingest.aistppMotion",
  version: 1,
  params: z.object({}),
  inputs: { motion: "media" },
  outputs: { smpl: "smpl" },
  resources: { cpu: 1 },
  run: ({ inputs, ctx }) => {
    const motion = parseAistppMotion(pickleOf(ctx, inputs.motion), `${ctx.item}.pkl`);
    const meta = {
      fps: motion.fps,
      frames: motion.poses.shape[0]!,
      convention: "aistpp",
      scaling: motion.scaling,
    };
    return Promise.resolve({
      smpl: ctx.writeTensors("smpl", { poses: f32(motion.poses), trans: f32(motion.trans) }, meta),
    });
  },
});

/** `keypoints3d/<seq>.pkl` → `joints3d` (T,17,3), raw or optimised (`useOptim`, as the AIST++ loader). */
export const aistppKeypoints3dStage = defineStage({
  id: "ingest.aistppKeypoints3d",
  version: 1,
  params: z.object({ useOptim: z.boolean().default(false) }),
  inputs: { keypoints: "media" },
  outputs: { joints: "joints3d" },
  resources: { cpu: 1 },
  run: ({ inputs, params, ctx }) => {
    const file = `${ctx.item}.pkl`;
    const kp = parseAistppKeypoints3d(pickleOf(ctx, inputs.keypoints), file);
    const joints = params.useOptim ? kp.keypointsOptim : kp.keypoints;
    if (joints === undefined)
      throw new ShapeMismatch(file, "keypoints3d_optim", "an array of shape (N, 17, 3)", "nothing");
    const meta = { fps: aistppFps, frames: joints.shape[0]!, skeleton: "coco17", optimised: params.useOptim };
    return Promise.resolve({ joints: ctx.writeTensors("joints3d", { joints: f32(joints) }, meta) });
  },
});

/** `keypoints2d/<seq>.pkl` → `pose2d` (T,17,3: x, y, score) of one camera view (0–8). */
export const aistppKeypoints2dStage = defineStage({
  id: "ingest.aistppKeypoints2d",
  version: 1,
  params: z.object({ view: z.number().int().min(0).max(8) }),
  inputs: { keypoints: "media" },
  outputs: { poses: "pose2d" },
  resources: { cpu: 1 },
  run: ({ inputs, params, ctx }) => {
    const file = `${ctx.item}.pkl`;
    const kp = parseAistppKeypoints2d(pickleOf(ctx, inputs.keypoints), file);
    const [views, frames, joints] = kp.keypoints.shape as [number, number, number, number];
    if (params.view >= views)
      throw new ShapeMismatch(file, "keypoints2d", `at least ${params.view + 1} views`, `${views}`);
    const size = frames * joints * 3;
    const data = kp.keypoints.data.slice(params.view * size, (params.view + 1) * size);
    // parity: the AIST++ camera canvas is 1920x1080 for every released view (download.html)
    const meta = {
      fps: aistppFps,
      frames,
      skeleton: "coco17",
      widthPx: 1920,
      heightPx: 1080,
      view: params.view,
    };
    const poses = { dtype: "F32" as const, shape: [frames, joints, 3], data };
    return Promise.resolve({ poses: ctx.writeTensors("pose2d", { poses }, meta) });
  },
});

/** An InDV `keypoints_clips/<sub>/<clip>.pkl` → `pose2d` (T,17,3). */
export const indvKeypointsStage = defineStage({
  id: "ingest.indvKeypoints",
  version: 1,
  params: z.object({}),
  inputs: { keypoints: "media" },
  outputs: { poses: "pose2d" },
  resources: { cpu: 1 },
  run: ({ inputs, ctx }) => {
    const poses = parseKeypointsClip(pickleOf(ctx, inputs.keypoints), `${ctx.item}.pkl`);
    const meta = { frames: poses.shape[0]!, skeleton: "coco17" };
    return Promise.resolve({ poses: ctx.writeTensors("pose2d", { poses: f32(poses) }, meta) });
  },
});

// ---- JustLMD, LRC, EasyMocap and media stages (wrappers over lrc.ts, autoSlice.ts, easymocap.ts, media.ts, wav.ts)

/** An LRC file (`media`, container "lrc") → `lyrics` (timed lines) and `slices` (JustLMD's 6 s sequences). */
export const lrcSliceStage = defineStage({
  id: "ingest.lrcSlice",
  version: 1,
  params: z.object({ sequenceLengthSec: z.number().positive().default(6), offsetSec: z.number().default(0) }),
  inputs: { lrc: "media" },
  outputs: { lyrics: "lyrics", slices: "slices" },
  resources: { cpu: 1 },
  run: async ({ inputs, params, ctx }) => {
    const lines = parseLrc(ctx.readText(inputs.lrc), {
      file: `${ctx.item}.lrc`,
      offsetSec: params.offsetSec,
    });
    const timed = lines.map((line, i) => ({
      startSec: line.seconds,
      endSec: lines[i + 1]?.seconds ?? line.seconds,
      text: line.text,
    }));
    const sliced = autoSlice(lines, { sequenceLengthSec: params.sequenceLengthSec });
    const items = lmdSequences(ctx.item, sliced, { sequenceLengthSec: params.sequenceLengthSec }).map(
      (s) => ({
        id: s.key,
        source: ctx.item,
        startSec: s.startSec,
        durationSec: params.sequenceLengthSec,
        text: s.text,
      }),
    );
    return {
      lyrics: ctx.writeJson("lyrics", { lines: timed }),
      slices: ctx.writeJson("slices", { items }, { slicedJson: formatSlicedJson(sliced) }),
    };
  },
});

let ffmpegVersion: string | undefined;
function ffmpegTools(): Record<string, string> {
  try {
    ffmpegVersion ??= execFileSync("ffmpeg", ["-version"], { encoding: "utf8" }).split("\n")[0] ?? "unknown";
  } catch {
    ffmpegVersion = "bundled";
  }
  return { ffmpeg: ffmpegVersion };
}

const DecodeAudioParams = z.object({
  sampleRateHz: z.number().int().positive().optional(),
  offsetSec: z.number().nonnegative().default(0),
  durationSec: z.number().positive().optional(),
  mono: z.boolean().default(true),
});

function pcmBytes(samples: Float32Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}

/** Any audio or video `media` → `pcm` (float32, ffmpeg decode and resampling; mono = mean of channels). */
export const decodeAudioStage = defineStage({
  id: "ingest.decodeAudio",
  version: 1,
  params: DecodeAudioParams,
  inputs: { media: "media" },
  outputs: { pcm: "pcm" },
  resources: { cpu: 1 },
  tools: ffmpegTools,
  run: async ({ inputs, params, ctx }) => {
    const { sampleRateHz, durationSec, ...rest } = params;
    const pcm = await decodeAudio(ctx.pathOf(inputs.media), {
      ...rest,
      ...(sampleRateHz === undefined ? {} : { sampleRateHz }),
      ...(durationSec === undefined ? {} : { durationSec }),
    });
    return {
      pcm: ctx.write("pcm", pcmBytes(pcm.samples), {
        sampleRateHz: pcm.sampleRateHz,
        channels: pcm.channels,
      }),
    };
  },
});

/** A WAV `media` → `pcm` decoded in TypeScript with librosa.load's rules (no resampling, bit-exact). */
export const readWavStage = defineStage({
  id: "ingest.readWav",
  version: 1,
  params: DecodeAudioParams.omit({ sampleRateHz: true }),
  inputs: { wav: "media" },
  outputs: { pcm: "pcm" },
  resources: { cpu: 1 },
  run: async ({ inputs, params, ctx }) => {
    const { durationSec, ...rest } = params;
    const wav = decodeWav(
      ctx.read(inputs.wav),
      { ...rest, ...(durationSec === undefined ? {} : { durationSec }) },
      `${ctx.item}.wav`,
    );
    return {
      pcm: ctx.write("pcm", pcmBytes(wav.samples), {
        sampleRateHz: wav.sampleRateHz,
        channels: wav.channels,
      }),
    };
  },
});

/**
 * JustLMD `smplfull.json` (`media`) → `smpl`: `poses` (T,72) with EasyMocap's `Rh` as the root rotation,
 * `trans` (T,3) = `Th`, `shapes` (10). Every frame from the first to the last must be there (`MissingFrames`).
 */
export const smplFullStage = defineStage({
  id: "ingest.smplFull",
  version: 1,
  params: z.object({
    fps: z.number().positive().default(30),
    personIndex: z.number().int().nonnegative().default(0),
  }),
  inputs: { smplfull: "media" },
  outputs: { smpl: "smpl" },
  resources: { cpu: 1 },
  run: async ({ inputs, params, ctx }) => {
    const smpl = parseSmplFull(ctx.readText(inputs.smplfull), `${ctx.item}/smplfull.json`);
    const gaps = missingFrames(smpl);
    if (gaps.length > 0) throw new MissingFrames(smpl.file, gaps.map(frameKey));
    const motion = smplMotion(smpl, { personIndex: params.personIndex });
    const poses = motion.poses.slice();
    for (let t = 0; t < motion.frames; t++) poses.set(motion.rh.subarray(t * 3, t * 3 + 3), t * 72);
    const meta = { fps: params.fps, frames: motion.frames, convention: "easymocap", scaling: 1 };
    const tensors: Record<string, Tensor> = {
      poses: { dtype: "F32", shape: [motion.frames, 72], data: poses },
      trans: { dtype: "F32", shape: [motion.frames, 3], data: motion.th },
      shapes: { dtype: "F32", shape: [motion.shapes.length], data: motion.shapes },
    };
    return { smpl: ctx.writeTensors("smpl", tensors, meta) };
  },
});
