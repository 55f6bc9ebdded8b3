/**
 * InDV clips (InDV and the AIST++ clips of Li et al.'s dance-to-music, SIGGRAPH Asia 2024; formats.md §4): per 5.12 s
 * clip, the COCO-17 keypoints (T, 17, 3) as given, their rhythm features — the directogram (T-1, 10), the
 * rhythm envelope and peaks (T-2) of the paper's RhythmEncoder, Bailando's kinematic beats on the 2D joints as a
 * (T-1) one-hot — the genre one-hot, and the clip's audio at the music model's rate (MusicGen: 32 kHz), cut or
 * zero-padded to exactly `clipSec`.
 */
import { z } from "zod";
import { defineStage, metaOf, metaString, SliceSchema, type Tensor } from "@choreo/core";
import { audioFeatureTools, directogram, resample, rhythmPeaks } from "@choreo/features";
import { decodeWav } from "@choreo/ingest";
import { kinematicBeats } from "@choreo/motion";

/** The tensors of one clip: keypoints (T, 17, 3), rhythm features, genre one-hot and the audio. */
export function indvWindowTensors(
  kp: Float32Array,
  frames: number,
  genre: readonly number[],
  audio: Float32Array,
): Record<string, Tensor> {
  const layout = { frames, joints: 17, dims: 2, stride: 3 };
  const directo = directogram(kp, layout);
  const { envelope, peaks } = rhythmPeaks(directo);
  const beats = new Uint8Array(Math.max(0, frames - 1));
  for (const b of kinematicBeats(kp, layout).beats) beats[b] = 1;
  return {
    keypoints: { dtype: "F32", shape: [frames, 17, 3], data: kp },
    directogram: { dtype: "F32", shape: [Math.max(0, frames - 1), 10], data: directo },
    rhythm_envelope: { dtype: "F32", shape: [envelope.length], data: envelope },
    rhythm_peaks: { dtype: "U8", shape: [peaks.length], data: peaks },
    motion_beats: { dtype: "U8", shape: [beats.length], data: beats },
    genre: { dtype: "F32", shape: [genre.length], data: Float32Array.from(genre) },
    audio: { dtype: "F32", shape: [audio.length], data: audio },
  };
}

/** `pcm` cut or zero-padded to exactly `samples`. */
function fit(pcm: Float32Array, samples: number): Float32Array {
  const out = new Float32Array(samples);
  out.set(pcm.subarray(0, samples));
  return out;
}

/**
 * A clip's music as InDV stores it: the PCM from the clip's start resampled to `clipSampleRateHz` (the music
 * model's rate) and cut or zero-padded to exactly `clipSec`. The clip stages and sampling from new audio share it.
 */
export function indvClipAudio(
  pcm: Float32Array,
  options: { sampleRateHz: number; clipSampleRateHz: number; clipSec: number },
): Float32Array {
  const rate = options.clipSampleRateHz;
  const at =
    options.sampleRateHz === rate
      ? pcm
      : resample(pcm, { origSampleRateHz: options.sampleRateHz, targetSampleRateHz: rate });
  return fit(at, Math.round(options.clipSec * rate));
}

export const indvClipStage = defineStage({
  id: "dataset.indvClip",
  version: 3, // 3: audio resampled by libsoxr's soxr_hq (issue 15); 2: motion beats by kinematicBeats
  params: z.object({
    genre: z.array(z.number()),
    sampleRateHz: z.number().int().positive(),
    clipSec: z.number().positive(),
  }),
  inputs: { poses: "pose2d", audio: "media" },
  outputs: { window: "window" },
  entry: import.meta.url,
  tools: audioFeatureTools,
  run: async ({ inputs, params, ctx }) => {
    const poses = ctx.readTensors(inputs.poses).poses!;
    const file = metaString(inputs.audio.meta, "file", `${ctx.item}.wav`);
    const wav = decodeWav(ctx.read(inputs.audio), {}, file);
    const audio = indvClipAudio(wav.samples, {
      sampleRateHz: wav.sampleRateHz,
      clipSampleRateHz: params.sampleRateHz,
      clipSec: params.clipSec,
    });
    return {
      window: ctx.writeTensors(
        "window",
        indvWindowTensors(poses.data as Float32Array, poses.shape[0]!, params.genre, audio),
        { id: ctx.item },
      ),
    };
  },
});

/** The frame flag bit of "no-person" in pose2d `flags` (see @choreo/pose `frameFlags`). */
const NO_PERSON_BIT = 1;

/** The `slices` that `indvVideoClipsStage` writes: clips with their pose frames, and the dropped counts. */
export const IndvClipsPlanSchema = z.object({
  items: z.array(
    SliceSchema.extend({ startFrame: z.number().int().nonnegative(), frames: z.number().int().positive() }),
  ),
  dropped: z.record(z.string(), z.number().int().nonnegative()),
});
export type IndvClipsPlan = z.infer<typeof IndvClipsPlanSchema>;

/**
 * Clips of `clipSec` cut from a whole video's pose track (so a new clip length never reruns pose estimation);
 * a clip with any frame without a person is dropped and counted, never filled in.
 */
export const indvVideoClipsStage = defineStage({
  id: "dataset.indvVideoClips",
  version: 1,
  params: z.object({ video: z.string(), clipSec: z.number().positive() }),
  inputs: { poses: "pose2d" },
  outputs: { slices: "slices" },
  run: async ({ inputs, params, ctx }) => {
    const fps = metaOf(inputs.poses, "pose2d").fps ?? 30;
    const flags = ctx.readTensors(inputs.poses).flags!.data as Uint8Array;
    const n = Math.round(params.clipSec * fps);
    const items: IndvClipsPlan["items"] = [];
    const dropped: Record<string, number> = { "clips with frames without a person": 0 };
    for (let k = 0; (k + 1) * n <= flags.length; k++) {
      if (flags.subarray(k * n, (k + 1) * n).some((f) => (f & NO_PERSON_BIT) !== 0)) {
        dropped["clips with frames without a person"]!++;
        continue;
      }
      items.push({
        id: `${params.video}_${k}`,
        source: params.video,
        startSec: (k * n) / fps,
        durationSec: params.clipSec,
        startFrame: k * n,
        frames: n,
      });
    }
    return { slices: ctx.writeJson("slices", IndvClipsPlanSchema.parse({ items, dropped }), { fps }) };
  },
});

export const indvVideoClipStage = defineStage({
  id: "dataset.indvVideoClip",
  version: 2, // 2: motion beats by @choreo/motion's kinematicBeats (numpy's float32 summation order)
  params: z.object({
    genre: z.array(z.number()),
    startFrame: z.number().int().nonnegative(),
    frames: z.number().int().positive(),
    startSec: z.number().nonnegative(),
    clipSec: z.number().positive(),
  }),
  inputs: { poses: "pose2d", pcm: "pcm" },
  outputs: { window: "window" },
  entry: import.meta.url,
  run: async ({ inputs, params, ctx }) => {
    const kp = (ctx.readTensors(inputs.poses).poses!.data as Float32Array).slice(
      params.startFrame * 51,
      (params.startFrame + params.frames) * 51,
    );
    const bytes = ctx.read(inputs.pcm);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sr = Number(inputs.pcm.meta.sampleRateHz);
    const from = Math.round(params.startSec * sr);
    const audio = indvClipAudio(all.subarray(from), {
      sampleRateHz: sr,
      clipSampleRateHz: sr,
      clipSec: params.clipSec,
    });
    return {
      window: ctx.writeTensors("window", indvWindowTensors(kp, params.frames, params.genre, audio), {
        id: ctx.item,
      }),
    };
  },
});
