/**
 * `choreo sample --checkpoint DIR --audio F [--lyrics F] --out F [--seed N] [--backend B] [--guidance W]`:
 * generates one motion window from a trained checkpoint. `--audio` and `--lyrics` are feature files in the
 * dataset's music and lyric layouts ([frames][features]): `.json` as `choreo audio features` writes it
 * (`{shape, dtype, data}`) or `.safetensors` (the tensor named music/lyrics/features, else the first).
 * `--out` is `.safetensors` (tensor `motion` [T, D], metadata fps) or `.json`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { decodeSafetensors, encodeSafetensors } from "@choreo/core";
import { BACKENDS, initBackend, sampleFromCheckpoint, shutdownBackend, type BackendPreference } from "@choreo/train";
import { defineCommand } from "../command.js";

const usage = "choreo sample --checkpoint DIR --audio F [--lyrics F] --out F.safetensors|F.json [--seed N] [--backend B] [--guidance W]";

function readFeatures(file: string, preferred: string): Float32Array {
  if (file.endsWith(".json")) {
    const j = JSON.parse(readFileSync(file, "utf8")) as { data: number[] };
    return Float32Array.from(j.data);
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
  },
  async run(ctx) {
    const str = (k: string): string | undefined => (typeof ctx.values[k] === "string" ? (ctx.values[k] as string) : undefined);
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
      const s = await sampleFromCheckpoint({
        checkpoint,
        music: readFeatures(audio, "music"),
        ...(lyrics !== undefined ? { lyrics: readFeatures(lyrics, "lyrics") } : {}),
        seed: Number(str("seed") ?? 0),
        ...(guidance !== undefined ? { guidanceWeight: Number(guidance) } : {}),
      });
      const shape = [s.frames, s.motionDims];
      if (out.endsWith(".json")) writeFileSync(out, JSON.stringify({ shape, dtype: "float32", fps: s.fps, data: Array.from(s.motion) }));
      else writeFileSync(out, encodeSafetensors({ motion: { dtype: "F32", shape, data: s.motion } }, { fps: String(s.fps) }));
      ctx.stderr.write(`wrote ${out}: motion [${shape.join(", ")}] at ${s.fps} fps\n`);
      return 0;
    } finally {
      shutdownBackend();
    }
  },
});
