/**
 * Exports to the layouts trainers already read:
 * - EDGE (`data/slice.py` output): per window `motions_sliced/<id>.pkl` = `{"pos": trans/scaling (N,3),
 *   "q": poses (N,72)}` at 60 fps, float32 (EDGE slices the full-rate motion and decimates on load), and
 *   `wavs_sliced/<id>.wav`, the window's samples at the file's own rate (float32 WAV: bit-exact with what
 *   librosa decodes from the source);
 * - JustLMD (`LMD_Dataset.py`'s `{key: {lyrics, music, dance}}`): one safetensors with tensors named
 *   `<key>/dance`, `<key>/music`, `<key>/lyrics` (when present), plus `indexing.json` `{"0": key, …}`.
 */
import { z } from "zod";
import { defineStage, metaString, type Tensor } from "@choreo/core";
import { decodeWav, encodeWav, readWavInfo } from "@choreo/ingest";
import { encodePickleDict } from "./pickleWriter.js";

export const exportEdgeSliceStage = defineStage({
  id: "dataset.exportEdgeSlice",
  version: 1,
  params: z.object({
    startSample: z.number().int().nonnegative(),
    windowSamples: z.number().int().positive(),
    startFrame: z.number().int().nonnegative(),
    frames: z.number().int().positive(),
  }),
  inputs: { audio: "media", smpl: "smpl" },
  outputs: { motion: "media", wav: "media" },
  run: async ({ inputs, params, ctx }) => {
    const t = ctx.readTensors(inputs.smpl);
    const scaling = Number(inputs.smpl.meta.scaling);
    const a = params.startFrame;
    const trans = t.trans!.data as Float32Array;
    const pos = new Float32Array(params.frames * 3);
    for (let i = 0; i < pos.length; i++) pos[i] = trans[a * 3 + i]! / scaling;
    const q = (t.poses!.data as Float32Array).slice(a * 72, (a + params.frames) * 72);
    const pkl = encodePickleDict({
      pos: { dtype: "float32", shape: [params.frames, 3], data: pos },
      q: { dtype: "float32", shape: [params.frames, 72], data: q },
    });
    const bytes = ctx.read(inputs.audio);
    const file = metaString(inputs.audio.meta, "file", "audio.wav");
    const sr = readWavInfo(bytes, file).sampleRateHz;
    const wav = decodeWav(
      bytes,
      { offsetSec: (params.startSample + 0.5) / sr, durationSec: (params.windowSamples + 0.5) / sr },
      file,
    );
    return {
      motion: ctx.write("media", pkl, { container: "pkl" }),
      wav: ctx.write("media", encodeWav({ samples: wav.samples, sampleRateHz: sr, format: "float32" }), {
        container: "wav",
      }),
    };
  },
});

export const exportJustlmdDictStage = defineStage({
  id: "dataset.exportJustlmdDict",
  version: 1,
  params: z.object({}),
  inputs: { windows: ["window"] },
  outputs: { dict: "shard", indexing: "json" },
  run: async ({ inputs, ctx }) => {
    const id = (a: (typeof inputs.windows)[number]): string => metaString(a.meta, "id", "");
    const windows = [...inputs.windows].sort((a, b) => (id(a) < id(b) ? -1 : 1));
    const tensors: Record<string, Tensor> = {};
    const indexing: Record<string, string> = {};
    windows.forEach((w, i) => {
      const key = id(w);
      indexing[String(i)] = key;
      const t = ctx.readTensors(w);
      for (const name of ["dance", "music", "lyrics"])
        if (t[name] !== undefined) tensors[`${key}/${name}`] = t[name]!;
    });
    return {
      dict: ctx.writeTensors("shard", tensors, { layout: "justlmd-dict" }),
      indexing: ctx.writeJson("json", indexing),
    };
  },
});
