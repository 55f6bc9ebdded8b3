/**
 * `choreo train --model cvae|cvae-mlp|edge|rhythm --dataset DIR [--config F] [--backend B] [--out DIR]
 * [--steps N] [--preset tiny|small|full] [--resume]`: trains a model of `@choreo/models` on a dataset folder
 * with `@choreo/train`. The config file holds `{ "model": {...}, "train": {...} }`. Logs the backend and why
 * it was chosen, then progress, to stderr; metrics go to `<out>/metrics.jsonl`, checkpoints to `<out>/checkpoint`.
 * Ctrl-C saves a checkpoint at the current step (resume with `--resume`).
 */
import { readJsonFile } from "@choreo/core";
import { BACKENDS, describeGpu, initBackend, shutdownBackend, train, TrainConfigInvalid, TrainFile, type BackendPreference } from "@choreo/train";
import { MODEL_KINDS } from "@choreo/models";
import { defineCommand } from "../command.js";

const usage = "choreo train --model cvae|cvae-mlp|edge|rhythm --dataset DIR [--config F] [--backend auto|tensorflow|webgpu|wasm|cpu] [--out DIR] [--steps N] [--preset tiny|small|full] [--resume]";

function readConfig(file: string | undefined): { model: Record<string, unknown>; train: Record<string, unknown> } {
  if (file === undefined) return { model: {}, train: {} };
  try {
    return readJsonFile(file, TrainFile);
  } catch (cause) {
    // readJsonFile names the field, what it expects and what it got; the tag stays train's.
    throw new TrainConfigInvalid(file, (cause as { problem?: string }).problem ?? (cause as Error).message, { cause });
  }
}

export default defineCommand({
  words: ["train"],
  usage,
  describe: "Train a model (JustLMD CVAE, MLP CVAE, EDGE-style diffusion, rhythm encoder) on a dataset folder",
  options: {
    model: { type: "string" },
    dataset: { type: "string" },
    config: { type: "string" },
    backend: { type: "string" },
    out: { type: "string" },
    steps: { type: "string" },
    preset: { type: "string" },
    resume: { type: "boolean" },
  },
  async run(ctx) {
    const str = (k: string): string | undefined => (typeof ctx.values[k] === "string" ? (ctx.values[k]) : undefined);
    const fileConfig = readConfig(str("config"));
    const kind = str("model") ?? (fileConfig.model.model as string | undefined);
    const dataset = str("dataset");
    const backend = (str("backend") ?? "auto") as BackendPreference;
    if (kind === undefined || !MODEL_KINDS.includes(kind as never) || dataset === undefined || (backend !== "auto" && !BACKENDS.includes(backend))) {
      ctx.stderr.write(`usage: ${usage}\n`);
      return 2;
    }
    const trainConfig = { ...fileConfig.train };
    if (str("steps") !== undefined) trainConfig.steps = Number(str("steps"));
    if (str("preset") !== undefined) trainConfig.preset = str("preset");
    const choice = await initBackend(backend);
    ctx.stderr.write(`backend ${choice.name}: ${choice.reason}${choice.gpu !== undefined ? ` [${describeGpu(choice.gpu)}]` : ""}\n`);
    for (const [name, why] of Object.entries(choice.skipped)) ctx.stderr.write(`  skipped ${name}: ${why}\n`);
    const out = str("out") ?? `runs/${kind}`;
    try {
      const result = await train({
        model: { ...fileConfig.model, model: kind },
        train: trainConfig,
        dataset,
        outDir: out,
        resume: ctx.values.resume === true,
        backend: choice.name,
        log: (line) => ctx.stderr.write(`${line}\n`),
        signal: ctx.signal,
      });
      result.model.dispose();
      const first = result.losses[0], last = result.losses.at(-1);
      ctx.stdout.write(`${JSON.stringify({ model: kind, backend: choice.name, step: result.step, firstLoss: first ?? null, lastLoss: last ?? null, valLosses: result.valLosses, checkpoint: result.checkpointDir })}\n`);
      return ctx.signal.aborted ? 130 : 0;
    } finally {
      shutdownBackend();
    }
  },
});
