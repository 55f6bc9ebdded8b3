/**
 * Dance-to-music clips (InDV and the AIST++ clips of Li et al., SIGGRAPH Asia 2024; formats.md §4): per 5.12 s
 * clip, the COCO-17 keypoints (T, 17, 3) as given, their rhythm features — the directogram (T-1, 10), the
 * rhythm envelope and peaks (T-2) of the paper's RhythmEncoder, Bailando's kinematic beats on the 2D joints as a
 * (T-1) one-hot — the genre one-hot, and the clip's audio at the music model's rate (MusicGen: 32 kHz), cut or
 * zero-padded to exactly `clipSec`.
 */
import { z } from "zod";
import { defineStage } from "@choreo/core";
import { directogram, kinematicBeats, resample, rhythmPeaks } from "@choreo/features";
import { decodeWav } from "@choreo/ingest";

export const d2mClipStage = defineStage({
  id: "dataset.d2mClip",
  version: 1,
  params: z.object({ genre: z.array(z.number()), sampleRateHz: z.number().int().positive(), clipSec: z.number().positive() }),
  inputs: { poses: "pose2d", audio: "media" },
  outputs: { window: "window" },
  entry: import.meta.url,
  run: async ({ inputs, params, ctx }) => {
    const poses = ctx.readTensors(inputs.poses).poses!;
    const frames = poses.shape[0]!;
    const kp = poses.data as Float32Array;
    const layout = { frames, joints: 17, dims: 2, stride: 3 };
    const directo = directogram(kp, layout);
    const { envelope, peaks } = rhythmPeaks(directo);
    const beats = new Uint8Array(Math.max(0, frames - 1));
    for (const b of kinematicBeats(kp, layout).beats) beats[b] = 1;
    const file = String(inputs.audio.meta.file ?? `${ctx.item}.wav`);
    const wav = decodeWav(ctx.read(inputs.audio), {}, file);
    const pcm = wav.sampleRateHz === params.sampleRateHz ? wav.samples : resample(wav.samples, { origSampleRateHz: wav.sampleRateHz, targetSampleRateHz: params.sampleRateHz });
    const audio = new Float32Array(Math.round(params.clipSec * params.sampleRateHz));
    audio.set(pcm.subarray(0, audio.length));
    return {
      window: ctx.writeTensors(
        "window",
        {
          keypoints: { dtype: "F32", shape: [frames, 17, 3], data: kp },
          directogram: { dtype: "F32", shape: [Math.max(0, frames - 1), 10], data: directo },
          rhythm_envelope: { dtype: "F32", shape: [envelope.length], data: envelope },
          rhythm_peaks: { dtype: "U8", shape: [peaks.length], data: peaks },
          motion_beats: { dtype: "U8", shape: [beats.length], data: beats },
          genre: { dtype: "F32", shape: [params.genre.length], data: Float32Array.from(params.genre) },
          audio: { dtype: "F32", shape: [audio.length], data: audio },
        },
        { id: ctx.item },
      ),
    };
  },
});
