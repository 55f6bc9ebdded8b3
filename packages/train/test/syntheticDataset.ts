/**
 * Writes a tiny choreo dataset folder for tests: motion [N, T, 6] (two "joints" × 3) that follows a
 * sinusoid whose phase is set by the music, music [N, T, 2], lyrics [N, T, 3], train and val splits, with
 * the manifest fields the trainer reads (splits, tensors, normalization). Deterministic for a seed. `widths`
 * pads each tensor with more columns (repeating the first ones, scaled) for model-size tests.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeSafetensors } from "@choreo/core";
import { createUniform } from "@choreo/models";

function stats(data: Float32Array, cols: number) {
  const n = data.length / cols;
  const mean = new Array<number>(cols).fill(0),
    sq = new Array<number>(cols).fill(0);
  const min = new Array<number>(cols).fill(Infinity),
    max = new Array<number>(cols).fill(-Infinity);
  for (let i = 0; i < data.length; i++) {
    const c = i % cols,
      v = data[i]!;
    mean[c]! += v / n;
    sq[c]! += (v * v) / n;
    min[c] = Math.min(min[c]!, v);
    max[c] = Math.max(max[c]!, v);
  }
  return { count: n, mean, std: mean.map((m, c) => Math.sqrt(Math.max(0, sq[c]! - m * m))), min, max };
}

/** Writes the dataset to `dir` and returns it. */
/** Column c of the result is column c mod w of `data` (rows of w) scaled by 1 + ⌊c / w⌋ / 10. */
function widen(data: Float32Array, w: number, width: number): Float32Array {
  if (width === w) return data;
  const rows = data.length / w;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < width; c++)
      out[r * width + c] = data[r * w + (c % w)]! * (1 + Math.floor(c / w) / 10);
  return out;
}

export function writeSyntheticDataset(
  dir: string,
  options: {
    frames?: number;
    train?: number;
    val?: number;
    seed?: number;
    widths?: { motion: number; music: number; lyrics: number };
  } = {},
): string {
  const W = options.widths ?? { motion: 6, music: 2, lyrics: 3 };
  const T = options.frames ?? 12;
  const rand = createUniform(options.seed ?? 3);
  const make = (n: number) => {
    const motion = new Float32Array(n * T * 6),
      music = new Float32Array(n * T * 2),
      lyrics = new Float32Array(n * T * 3);
    for (let i = 0; i < n; i++) {
      const phase = rand() * 2 * Math.PI,
        tempo = 0.3 + rand() * 0.4;
      for (let t = 0; t < T; t++) {
        const beat = Math.sin(phase + tempo * t);
        music.set([beat, Math.max(0, beat)], (i * T + t) * 2);
        lyrics.set([rand() < 0.5 ? 1 : 0, 0, 0.5], (i * T + t) * 3);
        for (let j = 0; j < 6; j++)
          motion[(i * T + t) * 6 + j] = Math.sin(phase + tempo * t + j) * (1 + j / 6);
      }
    }
    return {
      motion: widen(motion, 6, W.motion),
      music: widen(music, 2, W.music),
      lyrics: widen(lyrics, 3, W.lyrics),
    };
  };
  mkdirSync(dir, { recursive: true });
  const splits: Record<string, unknown> = {};
  let trainData: ReturnType<typeof make> | undefined;
  for (const [split, n] of [
    ["train", options.train ?? 8],
    ["val", options.val ?? 4],
  ] as const) {
    const d = make(n);
    if (split === "train") trainData = d;
    const tensors = {
      motion: { dtype: "F32" as const, shape: [n, T, W.motion], data: d.motion },
      music: { dtype: "F32" as const, shape: [n, T, W.music], data: d.music },
      lyrics: { dtype: "F32" as const, shape: [n, T, W.lyrics], data: d.lyrics },
    };
    const bytes = encodeSafetensors(tensors);
    writeFileSync(join(dir, `${split}-00000.safetensors`), bytes);
    splits[split] = {
      file: `${split}-00000.safetensors`,
      digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
      bytes: bytes.length,
      items: n,
      tensors: Object.fromEntries(
        Object.entries(tensors).map(([k, t]) => [k, { dtype: "F32", shape: t.shape }]),
      ),
    };
  }
  const normalization = {
    motion: stats(trainData!.motion, W.motion),
    music: stats(trainData!.music, W.music),
    lyrics: stats(trainData!.lyrics, W.lyrics),
  };
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({
      format: "choreo-dataset-v1",
      name: "synthetic",
      recipe: "synthetic",
      config: {},
      fps: 30,
      splits,
      features: {},
      // Music columns: a beat sine and its rectified rise (the onset envelope), repeated when widened.
      columns: { music: Array.from({ length: W.music }, (_, c) => (c === 1 ? "onset_env" : `music_${c}`)) },
      normalization,
      sources: [],
      tools: {},
    }),
  );
  return dir;
}
