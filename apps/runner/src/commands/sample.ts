/**
 * `choreo sample --checkpoint RUN|DIR --audio F|--song ID [--dataset DIR] … --out F [--preview F.mp4]`: one motion
 * window from a trained checkpoint (a run folder or its checkpoint/; the dataset defaults to the run's). `--audio`
 * is an audio file, whose music features the dataset's recipe computes (`samplingMusic` of @choreo/recipes), or a
 * feature file (`.json`/`.safetensors`); `--song` takes a dataset song's stored window (`readSongWindow`). Prints
 * the sample's per-column motion energy against the data's; `--out` is written by `writeMotionFile`.
 */
import { defineCommand, numberFlag, stringFlag, stringOptions } from "@choreo/core";
import { writeMotionFile } from "@choreo/dataset";
import { readArrayValues } from "@choreo/ingest";
import { samplingMusic } from "@choreo/recipes";
import { readRenderInput, renderPreview } from "@choreo/render";
import { BACKENDS, describeSampleEnergy, initBackend, locateRun, readCheckpoint } from "@choreo/train";
import { readSongWindow, sampleFromCheckpoint, shutdownBackend, type BackendPreference } from "@choreo/train";

const usage =
  "choreo sample --checkpoint RUN_DIR|DIR --audio F|--song ID [--dataset DIR] [--bpm BPM] [--lyrics F] --out F.pkl|F.safetensors|F.json [--preview F.mp4] [--seed N] [--backend B] [--guidance W] [--verify]";
const flags = ["checkpoint", "audio", "song", "lyrics", "out", "seed", "backend", "guidance", "dataset"];

export default defineCommand({
  words: ["sample"],
  usage,
  describe: "Generate a motion window from a trained checkpoint, given music (and lyric) features",
  options: { ...stringOptions(...flags, "preview", "bpm"), verify: { type: "boolean" } },
  async run(ctx) {
    const str = (k: string): string | undefined => stringFlag(ctx.values, k);
    const [checkpoint, audio, song, out] = [str("checkpoint"), str("audio"), str("song"), str("out")];
    const backend = (str("backend") ?? "auto") as BackendPreference;
    const valid =
      checkpoint !== undefined && out !== undefined && (audio === undefined) !== (song === undefined);
    if (!valid || !["auto", ...BACKENDS].includes(backend)) {
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
      const run = locateRun(checkpoint);
      const datasetDir = str("dataset") ?? run.datasetDir;
      const window = song !== undefined ? readSongWindow(datasetDir, song).tensors : undefined;
      const s = await sampleFromCheckpoint({
        checkpoint: run.checkpointDir,
        music:
          window?.music ??
          (await samplingMusic({
            audioPath: audio!,
            datasetDir,
            frames: readCheckpoint(run.checkpointDir).meta.task.frames,
            bpm,
            verify: ctx.values.verify === true,
          })),
        ...(lyrics !== undefined ? { lyrics: await readArrayValues(lyrics, "lyrics") } : {}),
        ...(lyrics === undefined && window?.lyrics !== undefined ? { lyrics: window.lyrics } : {}),
        seed,
        ...(guidance !== undefined ? { guidanceWeight: guidance } : {}),
      });
      await writeMotionFile(out, { motion: s.motion, frames: s.frames, dims: s.motionDims, fps: s.fps });
      ctx.stderr.write(`wrote ${out}: motion [${s.frames}, ${s.motionDims}] at ${s.fps} fps\n`);
      if (datasetDir !== undefined) ctx.stderr.write(`${describeSampleEnergy(s, datasetDir)}\n`);
      const preview = str("preview");
      if (preview !== undefined) {
        const input = await readRenderInput(out, { fps: s.fps });
        const isAudio = audio !== undefined && !audio.endsWith(".json") && !audio.endsWith(".safetensors");
        await renderPreview(input.motion, { out: preview, ...(isAudio ? { audioPath: audio } : {}) });
        ctx.stderr.write(`wrote ${preview}\n`);
      }
      return 0;
    } finally {
      shutdownBackend();
    }
  },
});
