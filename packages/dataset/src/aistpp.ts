/**
 * AIST++ windows as EDGE slices them (Stanford-TML/EDGE `data/slice.py`, `dataset/dance_dataset.py`;
 * formats.md §1.10): the sequence's music is cut at its own rate into `int(length·sr)`-sample windows every
 * `int(stride·sr)` samples; motion at 60 fps into `int(length·60)`-frame windows every `int(stride·60)` frames,
 * no more motion windows than audio windows; motion decimated 60 → 30 fps (`[::2]`) and turned into the
 * chosen representation; music features computed per window slice (EDGE's `edge35`, 150 rows), so the
 * numbers are EDGE's own. Window ids are `<seq>_slice<k>` as EDGE names its files. With `musicFeatures:
 * "song"` the features are computed once over the whole song and windows are cut from them instead (beats
 * tracked over the whole song; changing the window length then reruns no audio work).
 */
import { z } from "zod";
import { defineStage, metaOf, metaString, SliceSchema, type Json, type Tensor } from "@choreo/core";
import {
  audioFeatureTools,
  computeAistFeatureSet,
  edge35Features,
  type FrameFeatures,
} from "@choreo/features";
import { decodeWav, readWavInfo } from "@choreo/ingest";
import { motionRepresentation, representationNames } from "@choreo/motion";

const entry = import.meta.url;

export const aistppWindowsStage = defineStage({
  id: "dataset.aistppWindows",
  version: 1,
  params: z.object({
    sequence: z.string(),
    windowSec: z.number().positive(),
    strideSec: z.number().positive(),
  }),
  inputs: { audio: "media", smpl: "smpl" },
  outputs: { slices: "slices" },
  run: async ({ inputs, params, ctx }) => {
    const info = readWavInfo(
      ctx.read(inputs.audio),
      metaString(inputs.audio.meta, "file", `${params.sequence}.wav`),
    );
    const sr = info.sampleRateHz;
    const { fps, frames: motionFrames } = metaOf(inputs.smpl, "smpl");
    const aWindow = Math.trunc(params.windowSec * sr);
    const aStride = Math.trunc(params.strideSec * sr);
    const mWindow = Math.trunc(params.windowSec * fps);
    const mStride = Math.trunc(params.strideSec * fps);
    const items: AistppWindowsPlan["items"] = [];
    for (
      let k = 0, a = 0, m = 0;
      a <= info.frames - aWindow && m <= motionFrames - mWindow;
      k++, a += aStride, m += mStride
    ) {
      items.push({
        id: `${params.sequence}_slice${k}`,
        source: params.sequence,
        startSec: a / sr,
        durationSec: params.windowSec,
        startSample: a,
        windowSamples: aWindow,
        startFrame: m,
        frames: mWindow,
      });
    }
    return {
      slices: ctx.writeJson("slices", AistppWindowsPlanSchema.parse({ items }), { sampleRateHz: sr, fps }),
    };
  },
});

const featureSets = ["edge35", "fact35", "bailando438"] as const;

export interface AistppMusicOptions {
  readonly sampleRateHz: number;
  readonly featureSet: (typeof featureSets)[number];
  /** "window": the PCM is one window slice (EDGE); "song": the whole song (edge35 then keeps every row). */
  readonly mode: "window" | "song";
  /** A name with the AIST++ music id, which gives edge35/fact35 their start tempo. */
  readonly name?: string;
  /** A start tempo for music without an AIST++ music id. */
  readonly startBpm?: number;
}

/**
 * AIST++ music features as this dataset computes them, for the window and song stages and for sampling from new
 * audio alike: the feature set of the PCM, at 30 fps for edge35 and 60 for the others.
 */
export function computeAistppMusic(
  pcm: Float32Array,
  options: AistppMusicOptions,
): FrameFeatures & { fps: number } {
  const { sampleRateHz, featureSet } = options;
  const tempo = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.startBpm !== undefined ? { startBpm: options.startBpm } : {}),
  };
  const fps = featureSet === "edge35" ? 30 : 60;
  if (options.mode === "song" && featureSet === "edge35") {
    return { ...edge35Features(pcm, sampleRateHz, { ...tempo, chop: false }), fps };
  }
  const f = computeAistFeatureSet(featureSet, pcm, { sampleRateHz, ...tempo });
  return { data: Float32Array.from(f.data), nFrames: f.shape[0]!, nFeatures: f.shape[1]!, fps };
}

export const aistppWindowStage = defineStage({
  id: "dataset.aistppWindow",
  version: 2, // 2: features from PFFFT's float32 STFT and libsoxr's soxr_hq (issue 15)
  params: z.object({
    name: z.string(),
    startSample: z.number().int().nonnegative(),
    windowSamples: z.number().int().positive(),
    startFrame: z.number().int().nonnegative(),
    frames: z.number().int().positive(),
    representation: z.enum(representationNames),
    featureSet: z.enum(featureSets),
    targetFps: z.number().positive(),
  }),
  inputs: { audio: "media", smpl: "smpl" },
  outputs: { window: "window" },
  entry,
  tools: audioFeatureTools,
  run: async ({ inputs, params, ctx }) => {
    const file = metaString(inputs.audio.meta, "file", `${params.name}.wav`);
    const bytes = ctx.read(inputs.audio);
    const sr = readWavInfo(bytes, file).sampleRateHz;
    // A half-sample offset makes librosa's int(seconds × rate) land exactly on startSample.
    const wav = decodeWav(
      bytes,
      { offsetSec: (params.startSample + 0.5) / sr, durationSec: (params.windowSamples + 0.5) / sr },
      file,
    );
    const music = computeAistppMusic(wav.samples, {
      sampleRateHz: sr,
      featureSet: params.featureSet,
      mode: "window",
      name: params.name,
    });
    const a = params.startFrame;
    const seq = sliceSmpl(ctx.readTensors(inputs.smpl), inputs.smpl.meta, a, params.frames);
    const stride = Math.max(1, Math.floor(seq.fps / params.targetFps));
    const decimated = params.representation === "edge151" ? seq : decimate(seq, stride);
    const motion = motionRepresentation(decimated, params.representation);
    const rows = Math.min(motion.frames, music.nFrames);
    return {
      window: ctx.writeTensors(
        "window",
        windowTensors(motion, rows, music.data.slice(0, rows * music.nFeatures), music.nFeatures),
        { id: ctx.item },
      ),
    };
  },
});

/** A window's tensors: the first `rows` motion rows and the music rows given (both [rows, dims]). */
function windowTensors(
  motion: { data: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }; dims: number },
  rows: number,
  music: Float32Array,
  musicDims: number,
): Record<string, Tensor> {
  return {
    motion: {
      dtype: "F32",
      shape: [rows, motion.dims],
      data: Float32Array.from(motion.data.subarray(0, rows * motion.dims)),
    },
    music: { dtype: "F32", shape: [rows, musicDims], data: music },
  };
}

/** Frames [start, start + frames) of an AIST++ `smpl` artifact as a sequence. */
function sliceSmpl(
  t: Record<string, Tensor>,
  meta: Readonly<Record<string, Json>>,
  start: number,
  frames: number,
) {
  return {
    frames,
    fps: Number(meta.fps),
    poses: (t.poses!.data as Float32Array).slice(start * 72, (start + frames) * 72),
    trans: (t.trans!.data as Float32Array).slice(start * 3, (start + frames) * 3),
    scaling: Number(meta.scaling),
    convention: "aistpp" as const,
  };
}

/** `x[::stride]` of an SMPL sequence (EDGE's 60 → 30 fps). */
function decimate<T extends { frames: number; fps: number; poses: Float32Array; trans: Float32Array }>(
  seq: T,
  stride: number,
): T {
  if (stride === 1) return seq;
  const frames = Math.ceil(seq.frames / stride);
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    poses.set(seq.poses.subarray(t * stride * 72, t * stride * 72 + 72), t * 72);
    trans.set(seq.trans.subarray(t * stride * 3, t * stride * 3 + 3), t * 3);
  }
  return { ...seq, frames, fps: seq.fps / stride, poses, trans };
}

export const aistppSongMusicStage = defineStage({
  id: "dataset.aistppSongMusic",
  version: 3, // 3: features from PFFFT's float32 STFT and libsoxr's soxr_hq (issue 15)
  params: z.object({ name: z.string(), featureSet: z.enum(featureSets) }),
  inputs: { audio: "media" },
  outputs: { music: "features" },
  entry,
  tools: audioFeatureTools,
  run: async ({ inputs, params, ctx }) => {
    const file = metaString(inputs.audio.meta, "file", `${params.name}.wav`);
    const wav = decodeWav(ctx.read(inputs.audio), {}, file);
    const f = computeAistppMusic(wav.samples, {
      sampleRateHz: wav.sampleRateHz,
      featureSet: params.featureSet,
      mode: "song",
      name: params.name,
    });
    return {
      music: ctx.writeTensors(
        "features",
        { features: { dtype: "F32", shape: [f.nFrames, f.nFeatures], data: f.data } },
        {
          name: params.featureSet,
          fps: f.fps,
          featureSet: params.featureSet,
          frames: f.nFrames,
          dims: f.nFeatures,
        },
      ),
    };
  },
});

export const aistppCutStage = defineStage({
  id: "dataset.aistppCut",
  version: 1,
  params: z.object({
    startFrame: z.number().int().nonnegative(),
    frames: z.number().int().positive(),
    representation: z.enum(representationNames),
    targetFps: z.number().positive(),
  }),
  inputs: { smpl: "smpl", music: "features" },
  outputs: { window: "window" },
  entry,
  run: async ({ inputs, params, ctx }) => {
    const a = params.startFrame;
    const seq = sliceSmpl(ctx.readTensors(inputs.smpl), inputs.smpl.meta, a, params.frames);
    const stride = Math.max(1, Math.floor(seq.fps / params.targetFps));
    const motion = motionRepresentation(
      params.representation === "edge151" ? seq : decimate(seq, stride),
      params.representation,
    );
    const music = ctx.readTensors(inputs.music).features!;
    const dims = music.shape[1]!;
    const musicFps = Number(inputs.music.meta.fps);
    if (musicFps !== motion.fps)
      throw new RangeError(`[dataset] ${ctx.item}: music at ${musicFps} fps, motion at ${motion.fps} fps`);
    const from = Math.round((a / seq.fps) * musicFps);
    const rows = Math.min(motion.frames, music.shape[0]! - from);
    if (rows <= 0) throw new RangeError(`[dataset] ${ctx.item}: the music ends before frame ${a}`);
    return {
      window: ctx.writeTensors(
        "window",
        windowTensors(
          motion,
          rows,
          (music.data as Float32Array).slice(from * dims, (from + rows) * dims),
          dims,
        ),
        { id: ctx.item },
      ),
    };
  },
});
/** The `slices` that `aistppWindowsStage` writes: EDGE windows with their audio samples and motion frames. */
export const AistppWindowsPlanSchema = z.object({
  items: z.array(
    SliceSchema.extend({
      startSample: z.number().int().nonnegative(),
      windowSamples: z.number().int().positive(),
      startFrame: z.number().int().nonnegative(),
      frames: z.number().int().positive(),
    }),
  ),
});
export type AistppWindowsPlan = z.infer<typeof AistppWindowsPlanSchema>;
