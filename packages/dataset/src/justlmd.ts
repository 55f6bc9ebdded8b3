/**
 * JustLMD's sequences (MRVNY/JustLMD_Dataset `LMD_Dataset.py`, formats.md §2.6) as choreo stages: one per
 * `sliced.json` key except the last, key `<song>_<int seconds>`, 180 frames at 30 fps; dance = per frame
 * `poses[0] + Th[0] + Rh[0]` (78 values) from `smplfull.json` starting at the key's time relative to the first
 * key (the video was trimmed there), a sequence with any frame missing is dropped; music = the `justlmd`
 * log-mel feature set of the 6 s from the key's absolute time. Per song, `smplfull.json` is parsed once into a
 * dance track; per sequence only cheap slicing happens. Lyric embeddings are added by the recipe when a
 * BERT folder is configured.
 */
import { z } from "zod";
import { defineStage, SliceSchema, type Tensor } from "@choreo/core";
import {
  audioFeatureTools,
  justlmdFeatures,
  JUSTLMD_SAMPLE_RATE_HZ,
  resample,
  type FrameFeatures,
} from "@choreo/features";
import {
  autoSlice,
  decodeWav,
  encodeWav,
  formatSlicedJson,
  lmdDance,
  lmdSequences,
  parseLrc,
  parseSlicedJson,
  parseSmplFull,
} from "@choreo/ingest";

const entry = import.meta.url;

export const lmdDanceTrack = defineStage({
  id: "dataset.lmdDanceTrack",
  version: 1,
  params: z.object({}),
  inputs: { smplfull: "media" },
  outputs: { track: "smpl" },
  entry,
  run: async ({ inputs, ctx }) => {
    const file =
      typeof inputs.smplfull.meta.file === "string" ? inputs.smplfull.meta.file : `${ctx.item}/smplfull.json`;
    const smpl = parseSmplFull(ctx.readText(inputs.smplfull), file);
    const numbers = [...smpl.frames.keys()].filter((n) => smpl.frames.get(n)!.annots.length > 0);
    const frames = numbers.length === 0 ? 0 : Math.max(...numbers) + 1;
    const dance = new Float32Array(frames * 78);
    const present = new Uint8Array(frames);
    const rows = lmdDance(
      smpl,
      numbers.map((n) => String(n).padStart(6, "0")),
    );
    numbers.forEach((n, i) => {
      dance.set(rows.subarray(i * 78, i * 78 + 78), n * 78);
      present[n] = 1;
    });
    return {
      track: ctx.writeTensors(
        "smpl",
        {
          dance: { dtype: "F32", shape: [frames, 78], data: dance },
          present: { dtype: "U8", shape: [frames], data: present },
        },
        {
          fps: 30,
          frames,
          convention: "easymocap",
          scaling: 1,
          layout: "justlmd78: poses(72) + Th(3) + Rh(3)",
        },
      ),
    };
  },
});

export const lmdSequencesStage = defineStage({
  id: "dataset.lmdSequences",
  version: 2,
  params: z.object({
    song: z.string(),
    fps: z.number().positive().default(30),
    sequenceLengthSec: z.number().positive().default(6),
    /** "trimmed": dance frames count from the first lyric line (JustLMD's trimmed videos); "absolute": from 0. */
    danceClock: z.enum(["trimmed", "absolute"]).default("trimmed"),
  }),
  inputs: { sliced: "text", track: "smpl" },
  outputs: { slices: "slices" },
  run: async ({ inputs, params, ctx }) => {
    const entries = parseSlicedJson(ctx.readText(inputs.sliced), `${params.song}/sliced.json`);
    const present = ctx.readTensors(inputs.track).present!.data as Uint8Array;
    const items: LmdSequencesPlan["items"] = [];
    const dropped: string[] = [];
    const n = Math.round(params.fps * params.sequenceLengthSec);
    for (const s of lmdSequences(params.song, entries, {
      fps: params.fps,
      sequenceLengthSec: params.sequenceLengthSec,
    })) {
      const first = Math.trunc(s.startSec * params.fps);
      const frames =
        params.danceClock === "trimmed"
          ? s.frameKeys.map(Number)
          : Array.from({ length: n }, (_, i) => first + i);
      if (frames.some((f) => present[f] !== 1)) {
        dropped.push(s.key);
        continue;
      }
      items.push({
        id: s.key,
        source: params.song,
        startSec: s.startSec,
        durationSec: params.sequenceLengthSec,
        text: s.text,
        startFrame: frames[0]!,
      });
    }
    return {
      slices: ctx.writeJson("slices", LmdSequencesPlanSchema.parse({ items, dropped }), { fps: params.fps }),
    };
  },
});

/** LRC text → JustLMD's `sliced.json` text (`2_SLICE.py`'s autoSlice), for videos whose lyrics were synced by hand. */
export const lrcToSlicedStage = defineStage({
  id: "dataset.lrcToSliced",
  version: 1,
  params: z.object({ sequenceLengthSec: z.number().positive().default(6) }),
  inputs: { lrc: "text" },
  outputs: { sliced: "text" },
  run: async ({ inputs, params, ctx }) => {
    const lines = parseLrc(ctx.readText(inputs.lrc), { file: `${ctx.item}/lyrics.lrc` });
    return {
      sliced: ctx.writeText(
        "text",
        formatSlicedJson(autoSlice(lines, { sequenceLengthSec: params.sequenceLengthSec })),
        { format: "json" },
      ),
    };
  },
});

/** `pcm` (float32 samples) → a float32 WAV `media`, so video soundtracks go through the same music stage. */
export const pcmToWavStage = defineStage({
  id: "dataset.pcmToWav",
  version: 1,
  params: z.object({}),
  inputs: { pcm: "pcm" },
  outputs: { audio: "media" },
  run: async ({ inputs, ctx }) => {
    const bytes = ctx.read(inputs.pcm);
    const samples = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const wav = encodeWav({
      samples,
      sampleRateHz: Number(inputs.pcm.meta.sampleRateHz),
      channels: Number(inputs.pcm.meta.channels),
      format: "float32",
    });
    return { audio: ctx.write("media", wav, { container: "wav", file: `${ctx.item}.wav` }) };
  },
});

/**
 * JustLMD's music features of one clip (PCM already cut, at any rate): resampled to 18 kHz, then the `justlmd`
 * log-mel feature set at 30 fps. The lmdMusic stage and sampling from new audio both compute music with it.
 */
export function computeLmdMusic(pcm: Float32Array, sampleRateHz: number): FrameFeatures & { fps: number } {
  const at18k =
    sampleRateHz === JUSTLMD_SAMPLE_RATE_HZ
      ? pcm
      : resample(pcm, { origSampleRateHz: sampleRateHz, targetSampleRateHz: JUSTLMD_SAMPLE_RATE_HZ });
  return { ...justlmdFeatures(at18k, JUSTLMD_SAMPLE_RATE_HZ), fps: 30 };
}

export const lmdMusic = defineStage({
  id: "dataset.lmdMusic",
  version: 3, // 3: features from PFFFT's float32 STFT and libsoxr's soxr_hq (issue 15)
  params: z.object({ offsetSec: z.number().nonnegative(), durationSec: z.number().positive() }),
  inputs: { audio: "media" },
  outputs: { music: "features" },
  entry,
  tools: audioFeatureTools,
  run: async ({ inputs, params, ctx }) => {
    const file = typeof inputs.audio.meta.file === "string" ? inputs.audio.meta.file : `${ctx.item}.wav`;
    // parity: librosa.load(sr=18000, offset, duration) cuts at the file's rate, then resamples the cut.
    const wav = decodeWav(
      ctx.read(inputs.audio),
      { offsetSec: params.offsetSec, durationSec: params.durationSec },
      file,
    );
    const f = computeLmdMusic(wav.samples, wav.sampleRateHz);
    return {
      music: ctx.writeTensors(
        "features",
        { features: { dtype: "F32", shape: [f.nFrames, f.nFeatures], data: f.data } },
        {
          name: "justlmd-logmel",
          fps: f.fps,
          featureSet: "justlmd",
          frames: f.nFrames,
          dims: f.nFeatures,
        },
      ),
    };
  },
});

export const lmdWindow = defineStage({
  id: "dataset.lmdWindow",
  version: 1,
  params: z.object({
    startFrame: z.number().int().nonnegative(),
    frames: z.number().int().positive(),
    text: z.string(),
  }),
  inputs: { track: "smpl", music: "features", lyrics: ["embedding"] },
  outputs: { window: "window" },
  run: async ({ inputs, params, ctx }) => {
    const dance = ctx.readTensors(inputs.track).dance!;
    const start = params.startFrame * 78;
    const tensors: Record<string, Tensor> = {
      dance: {
        dtype: "F32",
        shape: [params.frames, 78],
        data: (dance.data as Float32Array).slice(start, start + params.frames * 78),
      },
      music: ctx.readTensors(inputs.music).features!,
    };
    for (const emb of inputs.lyrics) Object.assign(tensors, ctx.readTensors(emb));
    return { window: ctx.writeTensors("window", tensors, { id: ctx.item, text: params.text }) };
  },
});
/** The `slices` that `lmdSequencesStage` writes: JustLMD sequences with their first dance frame, and the dropped keys. */
export const LmdSequencesPlanSchema = z.object({
  items: z.array(SliceSchema.extend({ text: z.string(), startFrame: z.number().int().nonnegative() })),
  dropped: z.array(z.string()),
});
export type LmdSequencesPlan = z.infer<typeof LmdSequencesPlanSchema>;
