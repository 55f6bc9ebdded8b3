/**
 * `choreo sample --checkpoint DIR --audio F [--dataset DIR] [--lyrics F] --out F [--preview F.mp4] ...`:
 * generates one motion window from a trained checkpoint. `--audio` is either an audio file (WAV or any media;
 * its music features are computed with the recipe of the dataset at `--dataset`, from the file's start) or a
 * feature file in the dataset's music layout ([frames][features]: `.json` as `choreo audio features` writes it,
 * or `.safetensors`); `--lyrics` is a feature file (absent: zeros). `--out` is an SMPL motion pickle `.pkl`
 * (AIST++'s `{smpl_poses, smpl_trans, smpl_scaling, smpl_loss}`, readable by `choreo render`/`export bvh` and by
 * AIST++ tools) for motion layouts with SMPL parameters, or `.safetensors` (tensor `motion` [T, D]) or `.json`.
 * `--preview F.mp4` renders the sample with the audio through @choreo/render.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { encodePickleDict, type PickleWritable } from "@choreo/dataset";
import { computeAistRecipe, edge35Features, justlmdFeatures, resample } from "@choreo/features";
import { decodeAudio } from "@choreo/ingest";
import { readRenderInput, renderPreview } from "@choreo/render";
import { decodeSafetensors, encodeSafetensors, readJsonFile } from "@choreo/core";
import { BACKENDS, initBackend, sampleFromCheckpoint, shutdownBackend, type BackendPreference } from "@choreo/train";
import { defineCommand } from "../command.js";

const SampleManifest = z.looseObject({
  recipe: z.string(),
  config: z.looseObject({ audioRecipe: z.string().optional() }),
  fps: z.number().positive(),
});

const usage = "choreo sample --checkpoint DIR --audio F [--lyrics F] --out F.safetensors|F.json [--seed N] [--backend B] [--guidance W]";

function readFeatures(file: string, preferred: string): Float32Array {
  if (file.endsWith(".json")) {
    return Float32Array.from(readJsonFile(file, z.looseObject({ data: z.array(z.number()) })).data);
  }
  const { tensors } = decodeSafetensors(readFileSync(file), file);
  const t = tensors[preferred] ?? tensors.features ?? Object.values(tensors)[0];
  if (t === undefined) throw new RangeError(`${file} holds no tensor`);
  return Float32Array.from(t.data as Float32Array);
}

export default defineCommand({
  words: ["sample"],
  usage,
  describe: "Generate a motion window from a trained checkpoint, given music (and lyric) features",
  options: {
    checkpoint: { type: "string" },
    audio: { type: "string" },
    lyrics: { type: "string" },
    out: { type: "string" },
    seed: { type: "string" },
    backend: { type: "string" },
    guidance: { type: "string" },
    dataset: { type: "string" },
    preview: { type: "string" },
  },
  async run(ctx) {
    const str = (k: string): string | undefined => (typeof ctx.values[k] === "string" ? (ctx.values[k]) : undefined);
    const [checkpoint, audio, out] = [str("checkpoint"), str("audio"), str("out")];
    const backend = (str("backend") ?? "auto") as BackendPreference;
    if (checkpoint === undefined || audio === undefined || out === undefined || (backend !== "auto" && !BACKENDS.includes(backend))) {
      ctx.stderr.write(`usage: ${usage}\n`);
      return 2;
    }
    const choice = await initBackend(backend);
    ctx.stderr.write(`backend ${choice.name}: ${choice.reason}\n`);
    try {
      const lyrics = str("lyrics");
      const guidance = str("guidance");
      const isFeatures = audio.endsWith(".json") || audio.endsWith(".safetensors");
      const music = isFeatures ? readFeatures(audio, "music") : await musicOfAudio(audio, str("dataset"), checkpoint);
      const s = await sampleFromCheckpoint({
        checkpoint,
        music,
        ...(lyrics !== undefined ? { lyrics: readFeatures(lyrics, "lyrics") } : {}),
        seed: Number(str("seed") ?? 0),
        ...(guidance !== undefined ? { guidanceWeight: Number(guidance) } : {}),
      });
      const shape = [s.frames, s.motionDims];
      if (out.endsWith(".json")) writeFileSync(out, JSON.stringify({ shape, dtype: "float32", fps: s.fps, data: Array.from(s.motion) }));
      else if (out.endsWith(".pkl")) writeFileSync(out, encodePickleDict(smplPickle(s.motion, s.frames, s.motionDims)));
      else writeFileSync(out, encodeSafetensors({ motion: { dtype: "F32", shape, data: s.motion } }, { fps: String(s.fps) }));
      ctx.stderr.write(`wrote ${out}: motion [${shape.join(", ")}] at ${s.fps} fps\n`);
      const preview = str("preview");
      if (preview !== undefined) {
        const input = await readRenderInput(out, { fps: s.fps });
        await renderPreview(input.motion, { out: preview, ...(isFeatures ? {} : { audioPath: audio }) });
        ctx.stderr.write(`wrote ${preview}\n`);
      }
      return 0;
    } finally {
      shutdownBackend();
    }
  },
});

/** The music features of an audio file's start, as the dataset's recipe computes them for one window. */
async function musicOfAudio(audio: string, datasetDir: string | undefined, checkpoint: string): Promise<Float32Array> {
  if (datasetDir === undefined) throw new RangeError("[runner] sampling from an audio file needs --dataset DIR (its recipe says how to compute music features)");
  const manifest = readJsonFile(join(datasetDir, "manifest.json"), SampleManifest);
  const ck = readJsonFile(join(checkpoint, "checkpoint.json"), z.looseObject({ task: z.looseObject({ frames: z.number().int().positive() }) }));
  const frames = ck.task.frames;
  const seconds = frames / manifest.fps;
  switch (manifest.recipe) {
    case "demo": {
      // parity: the demo's music is EDGE's 35 features over the whole song; the sample takes its first window
      const pcm = await decodeAudio(audio, { mono: true });
      const f = edge35Features(pcm.samples, pcm.sampleRateHz, { startBpm: 120, chop: false });
      const out = new Float32Array(frames * f.nFeatures);
      out.set(f.data.subarray(0, out.length));
      return out;
    }
    case "justlmd": {
      const pcm = await decodeAudio(audio, { mono: true, durationSec: seconds });
      const at18k = pcm.sampleRateHz === 18000 ? pcm.samples : resample(pcm.samples, { origSampleRateHz: pcm.sampleRateHz, targetSampleRateHz: 18000 });
      return justlmdFeatures(at18k, 18000).data;
    }
    case "aistpp": {
      const pcm = await decodeAudio(audio, { mono: true, durationSec: seconds });
      const recipe = (manifest.config.audioRecipe ?? "edge35") as "edge35" | "fact35" | "bailando438";
      return Float32Array.from(computeAistRecipe(recipe, pcm.samples, { sampleRateHz: pcm.sampleRateHz, name: audio }).data);
    }
    default:
      throw new RangeError(`[runner] no music features from audio for recipe ${manifest.recipe}: pass a feature file`);
  }
}

/** AIST++'s motion pickle from a sample whose rows are SMPL parameters: 75 (72 poses + 3 trans) or 78 (JustLMD). */
function smplPickle(motion: Float32Array, frames: number, dims: number): Record<string, PickleWritable> {
  if (dims !== 75 && dims !== 78) throw new RangeError(`[runner] a ${dims}-value motion has no SMPL parameters: write .safetensors or .json`);
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    poses.set(motion.subarray(t * dims, t * dims + 72), t * 72);
    trans.set(motion.subarray(t * dims + 72, t * dims + 75), t * 3);
    // parity: JustLMD rows are EasyMocap's poses (root zeroed) + Th + Rh; the root rotation goes back into poses
    if (dims === 78) poses.set(motion.subarray(t * dims + 75, t * dims + 78), t * 72);
  }
  return {
    smpl_poses: { dtype: "float32", shape: [frames, 72], data: poses },
    smpl_trans: { dtype: "float32", shape: [frames, 3], data: trans },
    smpl_scaling: { dtype: "float32", shape: [1], data: Float32Array.from([1]) },
    smpl_loss: 0,
  };
}
