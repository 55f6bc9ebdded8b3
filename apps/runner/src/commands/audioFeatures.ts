/**
 * `choreo audio features FILE --recipe R`: librosa-parity features of one audio file. Loads like
 * librosa.load (WAV read directly; other containers through ffmpeg), with `--sr` resampling (soxr_hq:
 * libsoxr itself), `--offset/--duration` cut as int(seconds × rate). Generic recipes keep librosa's
 * [features][frames]; dataset recipes are [frames][features]. Writes JSON to stdout or --out (.json/.npy/.safetensors).
 */
import { writeFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { encodeSafetensors, type DType, type TypedArray } from "@choreo/core";
import {
  BAILANDO438_SAMPLE_RATE_HZ,
  computeAistRecipe,
  computeChromaRecipe,
  computeGenericRecipe,
  isAistAudioRecipe,
  isChromaAudioRecipe,
  isGenericAudioRecipe,
  justlmdFeatures,
  resample,
  type RecipeOutput,
} from "@choreo/features";
import { createNdArray, decodeAudio, encodeNpy, readWav } from "@choreo/ingest";
import { defineCommand } from "../command.js";
import { numberFlag } from "../flags.js";

/** The rate a dataset recipe is defined at (used when --sr is not given). */
const recipeRates: Record<string, number> = { justlmd: 18000, edge35: 15360, fact35: 30720, bailando438: BAILANDO438_SAMPLE_RATE_HZ };

async function load(file: string, offsetSec: number | undefined, durationSec: number | undefined) {
  const cut = { ...(offsetSec !== undefined ? { offsetSec } : {}), ...(durationSec !== undefined ? { durationSec } : {}) };
  if (extname(file).toLowerCase() === ".wav") {
    const wav = await readWav(file, cut);
    return { samples: wav.samples, sampleRateHz: wav.sampleRateHz };
  }
  const pcm = await decodeAudio(file, { ...cut, mono: true });
  return { samples: pcm.samples, sampleRateHz: pcm.sampleRateHz };
}

function compute(recipe: string, pcm: Float32Array, sampleRateHz: number, startBpm: number | undefined, name: string): RecipeOutput {
  const bpm = startBpm === undefined ? {} : { startBpm };
  if (isGenericAudioRecipe(recipe)) return computeGenericRecipe(recipe, pcm, { sampleRateHz, ...bpm });
  if (isChromaAudioRecipe(recipe)) return computeChromaRecipe(recipe, pcm, { sampleRateHz });
  if (isAistAudioRecipe(recipe)) return computeAistRecipe(recipe, pcm, { sampleRateHz, name, ...bpm });
  if (recipe === "justlmd") {
    const f = justlmdFeatures(pcm, sampleRateHz);
    return { shape: [f.nFrames, f.nFeatures], dtype: "float32", data: f.data };
  }
  throw new RangeError(`[runner] unknown audio recipe ${recipe}`);
}

function write(out: string | undefined, result: RecipeOutput, stdout: NodeJS.WritableStream): void {
  const dtype = result.dtype;
  if (out === undefined || extname(out) === ".json") {
    const text = `${JSON.stringify({ shape: result.shape, dtype, data: Array.from(result.data), ...(result.tempo !== undefined ? { tempo: result.tempo } : {}) })}\n`;
    if (out === undefined) stdout.write(text);
    else writeFileSync(out, text);
  } else if (extname(out) === ".npy") {
    const data = dtype === "int64" ? BigInt64Array.from(Array.from(result.data, (v) => BigInt(v))) : result.data;
    const nd = dtype === "int64" ? createNdArray("int64", result.shape, data as BigInt64Array) : createNdArray(dtype, result.shape, data as Float32Array & Float64Array);
    writeFileSync(out, encodeNpy(nd));
  } else if (extname(out) === ".safetensors") {
    const st: DType = dtype === "float32" ? "F32" : dtype === "float64" ? "F64" : "I64";
    const data: TypedArray = st === "I64" ? BigInt64Array.from(Array.from(result.data, (v) => BigInt(v))) : result.data;
    const meta: Record<string, string> = result.tempo !== undefined ? { tempo: String(result.tempo) } : {};
    writeFileSync(out, encodeSafetensors({ features: { dtype: st, shape: result.shape, data } }, meta));
  } else throw new RangeError(`[runner] --out must end in .json, .npy or .safetensors: ${out}`);
}

export default defineCommand({
  words: ["audio", "features"],
  usage: "choreo audio features FILE --recipe R [--sr HZ] [--offset SEC] [--duration SEC] [--start-bpm BPM] [--out F.json|.npy|.safetensors]",
  describe: "librosa-parity audio features (mel, mfcc, onset, onsets, beats, chroma-stft, chroma-cqt, chroma-cens, tempogram, justlmd, edge35, fact35, bailando438)",
  options: {
    recipe: { type: "string" },
    sr: { type: "string" },
    offset: { type: "string" },
    duration: { type: "string" },
    "start-bpm": { type: "string" },
    out: { type: "string" },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const recipe = ctx.values.recipe as string | undefined;
    if (file === undefined || recipe === undefined) {
      ctx.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const audio = await load(file, numberFlag(ctx.values.offset, "offset"), numberFlag(ctx.values.duration, "duration"));
    const sr = numberFlag(ctx.values.sr, "sr") ?? recipeRates[recipe] ?? audio.sampleRateHz;
    const pcm = sr === audio.sampleRateHz ? audio.samples : resample(audio.samples, { origSampleRateHz: audio.sampleRateHz, targetSampleRateHz: sr });
    const result = compute(recipe, pcm, sr, numberFlag(ctx.values["start-bpm"], "start-bpm"), basename(file));
    write(ctx.values.out as string | undefined, result, ctx.stdout);
    return 0;
  },
});
