/**
 * `choreo sample --checkpoint DIR --audio F [--dataset DIR] [--bpm BPM] [--lyrics F] --out F [--preview F.mp4]`:
 * one motion window from a trained checkpoint. `--audio` is an audio file, whose music features the dataset's
 * recipe computes (`samplingMusic` of @choreo/recipes, from the file's start), or a feature file
 * (`.json`/`.safetensors`) in the dataset's music layout. `--out` is written by `writeMotionFile` of
 * @choreo/dataset (.pkl AIST++ SMPL pickle, .json, .safetensors); `--preview` renders it with the audio.
 */
import { writeMotionFile } from "@choreo/dataset";
import { readArrayValues } from "@choreo/ingest";
import { samplingMusic } from "@choreo/recipes";
import { readRenderInput, renderPreview } from "@choreo/render";
import { BACKENDS, initBackend, readCheckpoint, sampleFromCheckpoint, shutdownBackend } from "@choreo/train";
import type { BackendPreference } from "@choreo/train";
import { defineCommand } from "../command.js";
import { numberFlag } from "../flags.js";

const usage =
  "choreo sample --checkpoint DIR --audio F [--dataset DIR] [--bpm BPM] [--lyrics F] --out F.pkl|F.safetensors|F.json [--preview F.mp4] [--seed N] [--backend B] [--guidance W] [--verify]";

export default defineCommand({
  words: ["sample"],
  usage,
  describe: "Generate a motion window from a trained checkpoint, given music (and lyric) features",
  options: {
    ...Object.fromEntries(
      ["checkpoint", "audio", "lyrics", "out", "seed", "backend", "guidance", "dataset", "preview", "bpm"].map(
        (k) => [k, { type: "string" } as const],
      ),
    ),
    verify: { type: "boolean" },
  },
  async run(ctx) {
    const str = (k: string): string | undefined =>
      typeof ctx.values[k] === "string" ? ctx.values[k] : undefined;
    const [checkpoint, audio, out] = [str("checkpoint"), str("audio"), str("out")];
    const backend = (str("backend") ?? "auto") as BackendPreference;
    if (
      checkpoint === undefined ||
      audio === undefined ||
      out === undefined ||
      !["auto", ...BACKENDS].includes(backend)
    ) {
      ctx.stderr.write(`usage: ${usage}\n`);
      return 2;
    }
    // Flags are checked before the backend starts: a typo costs nothing.
    const guidance = numberFlag(ctx.values.guidance, "guidance");
    const seed = numberFlag(ctx.values.seed, "seed", { integer: true }) ?? 0;
    const bpm = numberFlag(ctx.values.bpm, "bpm", { positive: true });
    const choice = await initBackend(backend);
    ctx.stderr.write(`backend ${choice.name}: ${choice.reason}\n`);
    try {
      const lyrics = str("lyrics");
      const s = await sampleFromCheckpoint({
        checkpoint,
        music: await samplingMusic({
          audioPath: audio,
          datasetDir: str("dataset"),
          frames: readCheckpoint(checkpoint).meta.task.frames,
          bpm,
          verify: ctx.values.verify === true,
        }),
        ...(lyrics !== undefined ? { lyrics: await readArrayValues(lyrics, "lyrics") } : {}),
        seed,
        ...(guidance !== undefined ? { guidanceWeight: guidance } : {}),
      });
      await writeMotionFile(out, { motion: s.motion, frames: s.frames, dims: s.motionDims, fps: s.fps });
      ctx.stderr.write(`wrote ${out}: motion [${s.frames}, ${s.motionDims}] at ${s.fps} fps\n`);
      const preview = str("preview");
      if (preview !== undefined) {
        const input = await readRenderInput(out, { fps: s.fps });
        const isAudio = !audio.endsWith(".json") && !audio.endsWith(".safetensors");
        await renderPreview(input.motion, { out: preview, ...(isAudio ? { audioPath: audio } : {}) });
        ctx.stderr.write(`wrote ${preview}\n`);
      }
      return 0;
    } finally {
      shutdownBackend();
    }
  },
});
