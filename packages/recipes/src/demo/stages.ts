/**
 * The demo recipe's own stages: synthesis of the sources, music features (`demoMusicFeatures`: EDGE's 35
 * librosa-parity features over the whole song), hashed lyric features (BERT needs a model folder the demo cannot
 * assume), windowing and cutting. Stats, shards and the manifest are the generic stages of @choreo/dataset.
 */
import { z } from "zod";
import { defineStage, LyricsSchema, metaOf, SliceSchema, type Tensor } from "@choreo/core";
import { audioFeatureTools } from "@choreo/features";
import { decodeWav, encodeWav, parseLrc } from "@choreo/ingest";
import { demoMusicFeatures } from "./musicFeatures.js";
import { synthesizeLrc, synthesizeMotion, synthesizeSong } from "./synth.js";

const entry = import.meta.url;

export const synthMusic = defineStage({
  id: "demo.synthMusic",
  version: 1,
  params: z.object({
    bpm: z.number(),
    durationSec: z.number(),
    sampleRateHz: z.number().int(),
    seed: z.number().int(),
    rootHz: z.number(),
  }),
  inputs: {},
  outputs: { audio: "media" },
  entry,
  run: async ({ params, ctx }) => {
    const samples = synthesizeSong(params);
    const wav = encodeWav({ samples, sampleRateHz: params.sampleRateHz, format: "pcm16" });
    return { audio: ctx.write("media", wav, { container: "wav", durationSec: params.durationSec }) };
  },
});

export const synthLyrics = defineStage({
  id: "demo.synthLyrics",
  version: 1,
  params: z.object({ bpm: z.number(), durationSec: z.number(), seed: z.number().int() }),
  inputs: {},
  outputs: { lrc: "text", lyrics: "lyrics" },
  run: async ({ params, ctx }) => {
    const text = synthesizeLrc(params);
    const parsed = parseLrc(text, { file: `${ctx.item}.lrc` });
    const lines = parsed.map((l, i) => ({
      startSec: l.seconds,
      endSec: parsed[i + 1]?.seconds ?? params.durationSec,
      text: l.text.trim(),
    }));
    return {
      lrc: ctx.writeText("text", text, { format: "lrc" }),
      lyrics: ctx.writeJson("lyrics", { lines }),
    };
  },
});

export const synthMotion = defineStage({
  id: "demo.synthMotion",
  version: 1,
  params: z.object({ bpm: z.number(), durationSec: z.number(), fps: z.number(), seed: z.number().int() }),
  inputs: {},
  outputs: { motion: "smpl" },
  entry,
  run: async ({ params, ctx }) => {
    const { poses, trans, frames } = synthesizeMotion(params);
    return {
      motion: ctx.writeTensors(
        "smpl",
        {
          poses: { dtype: "F32", shape: [frames, 72], data: poses },
          trans: { dtype: "F32", shape: [frames, 3], data: trans },
        },
        { fps: params.fps, frames, convention: "aistpp", scaling: 1 },
      ),
    };
  },
});

export const musicFeatures = defineStage({
  id: "demo.musicFeatures",
  version: 4, // 4: features from PFFFT's float32 STFT and libsoxr's soxr_hq (issue 15)
  params: z.object({ bpm: z.number().positive() }),
  inputs: { audio: "media" },
  outputs: { features: "features" },
  entry,
  tools: audioFeatureTools,
  run: async ({ inputs, params, ctx }) => {
    const file = typeof inputs.audio.meta.file === "string" ? inputs.audio.meta.file : `${ctx.item}.wav`;
    const wav = decodeWav(ctx.read(inputs.audio), {}, file);
    const f = demoMusicFeatures({ samples: wav.samples, sampleRateHz: wav.sampleRateHz, bpm: params.bpm });
    const features = { dtype: "F32" as const, shape: [f.nFrames, f.nFeatures], data: f.data };
    const meta = { name: "edge35", fps: f.fps, featureSet: "edge35", frames: f.nFrames, dims: f.nFeatures };
    return { features: ctx.writeTensors("features", { features }, meta) };
  },
});

/** The `slices` that `planWindowsStage` writes: windows with the lyric text they overlap. */
export const DemoWindowsPlanSchema = z.object({ items: z.array(SliceSchema.extend({ text: z.string() })) });
export type DemoWindowsPlan = z.infer<typeof DemoWindowsPlanSchema>;

/** FNV-1a of a word, for the hashed bag of words. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const lyricFeatures = defineStage({
  id: "demo.lyricFeatures",
  version: 2, // features meta names its feature set (featureSet, not recipe)
  params: z.object({ fps: z.number(), frames: z.number().int(), dims: z.number().int().positive() }),
  inputs: { lyrics: "lyrics" },
  outputs: { features: "features" },
  run: async ({ inputs, params, ctx }) => {
    const { lines } = ctx.readJson(inputs.lyrics, LyricsSchema);
    const data = new Float32Array(params.frames * params.dims);
    for (const line of lines) {
      const words = line.text.toLowerCase().split(/\s+/).filter(Boolean);
      const row = new Float32Array(params.dims);
      for (const w of words) row[hashWord(w) % params.dims]! += 1 / words.length;
      const from = Math.max(0, Math.round(line.startSec * params.fps));
      const to = Math.min(params.frames, Math.round(line.endSec * params.fps));
      for (let f = from; f < to; f++) data.set(row, f * params.dims);
    }
    return {
      features: ctx.writeTensors(
        "features",
        { features: { dtype: "F32", shape: [params.frames, params.dims], data } },
        {
          name: "lyrics-hash-bow",
          fps: params.fps,
          featureSet: "demo-hashed-bag-of-words",
          frames: params.frames,
          dims: params.dims,
        },
      ),
    };
  },
});

export const planWindowsStage = defineStage({
  id: "demo.windows",
  version: 1,
  params: z.object({ windowSec: z.number().positive(), strideSec: z.number().positive() }),
  inputs: { motion: "smpl", lyrics: "lyrics" },
  outputs: { slices: "slices" },
  run: async ({ inputs, params, ctx }) => {
    const { fps, frames } = metaOf(inputs.motion, "smpl");
    const { lines } = ctx.readJson(inputs.lyrics, LyricsSchema);
    const length = Math.round(params.windowSec * fps);
    const stride = Math.round(params.strideSec * fps);
    const items: DemoWindowsPlan["items"] = [];
    for (let start = 0; start + length <= frames; start += stride) {
      const startSec = start / fps;
      const endSec = (start + length) / fps;
      const text = lines
        .filter((l) => l.endSec > startSec && l.startSec < endSec)
        .map((l) => l.text)
        .join(" / ");
      items.push({
        id: `${ctx.item}_${String(start).padStart(5, "0")}`,
        source: ctx.item,
        startSec,
        durationSec: length / fps,
        text,
      });
    }
    return { slices: ctx.writeJson("slices", DemoWindowsPlanSchema.parse({ items }), { fps }) };
  },
});

function rows(t: Tensor, start: number, count: number): Float32Array {
  const width = t.shape[1]!;
  if (start + count > t.shape[0]!)
    throw new RangeError(`[demo] window [${start}, ${start + count}) runs past ${t.shape[0]} frames`);
  return (t.data as Float32Array).slice(start * width, (start + count) * width);
}

export const cutWindow = defineStage({
  id: "demo.cutWindow",
  version: 1,
  params: z.object({
    startFrame: z.number().int().nonnegative(),
    frames: z.number().int().positive(),
    text: z.string(),
  }),
  inputs: { motion: "smpl", music: "features", lyrics: "features" },
  outputs: { window: "window" },
  run: async ({ inputs, params, ctx }) => {
    const m = ctx.readTensors(inputs.motion);
    const poses = rows(m.poses!, params.startFrame, params.frames);
    const trans = rows(m.trans!, params.startFrame, params.frames);
    const motion = new Float32Array(params.frames * 75);
    for (let f = 0; f < params.frames; f++) {
      motion.set(poses.subarray(f * 72, f * 72 + 72), f * 75);
      motion.set(trans.subarray(f * 3, f * 3 + 3), f * 75 + 72);
    }
    const music = ctx.readTensors(inputs.music).features!;
    const lyrics = ctx.readTensors(inputs.lyrics).features!;
    return {
      window: ctx.writeTensors(
        "window",
        {
          motion: { dtype: "F32", shape: [params.frames, 75], data: motion },
          music: {
            dtype: "F32",
            shape: [params.frames, music.shape[1]!],
            data: rows(music, params.startFrame, params.frames),
          },
          lyrics: {
            dtype: "F32",
            shape: [params.frames, lyrics.shape[1]!],
            data: rows(lyrics, params.startFrame, params.frames),
          },
        },
        { id: ctx.item, text: params.text },
      ),
    };
  },
});
