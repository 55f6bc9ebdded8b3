/**
 * `choreo train --model cvae|cvae-mlp|edge|rhythm --dataset DIR [--config F] [--backend B] [--out DIR]
 * [--steps N] [--preset tiny|small|full] [--resume]`: trains a model of `@choreo/models` on a dataset folder
 * with `@choreo/train`. The config file holds `{ "model": {...}, "train": {...} }`. Logs the backend and why
 * it was chosen, then progress, to stderr; metrics go to `<out>/metrics.jsonl`, checkpoints to `<out>/checkpoint`.
 * Ctrl-C saves a checkpoint at the current step (resume with `--resume`).
 */
import { defineCommand, numberFlag, stringFlag, stringOptions } from "@choreo/core";
import {
  BACKENDS,
  describeGpu,
  initBackend,
  shutdownBackend,
  train,
  readTrainFile,
  type BackendPreference,
} from "@choreo/train";
import { MODEL_KINDS } from "@choreo/models";

const usage =
  "choreo train --model cvae|cvae-mlp|edge|rhythm --dataset DIR [--config F] [--backend auto|tensorflow|webgpu|wasm|cpu] [--out DIR] [--steps N] [--preset tiny|small|full] [--resume] [--verify]";

export default defineCommand({
  words: ["train"],
  usage,
  describe:
    "Train a model (JustLMD CVAE, MLP CVAE, EDGE-style diffusion, rhythm encoder) on a dataset folder",
  stopsCleanly: true,
  options: {
    ...stringOptions("model", "dataset", "config", "backend", "out", "steps", "preset"),
    resume: { type: "boolean" },
    verify: { type: "boolean" },
  },
  async run(ctx) {
    const str = (k: string): string | undefined => stringFlag(ctx.values, k);
    const fileConfig = readTrainFile(str("config"));
    const kind = str("model") ?? (fileConfig.model.model as string | undefined);
    const dataset = str("dataset");
    const backend = (str("backend") ?? "auto") as BackendPreference;
    const known = kind !== undefined && MODEL_KINDS.includes(kind as never);
    if (!known || dataset === undefined || (backend !== "auto" && !BACKENDS.includes(backend))) {
      ctx.stderr.write(`usage: ${usage}\n`);
      return 2;
    }
    const trainConfig = { ...fileConfig.train };
    const steps = numberFlag(ctx.values.steps, "steps", { positive: true, integer: true });
    if (steps !== undefined) trainConfig.steps = steps;
    if (str("preset") !== undefined) trainConfig.preset = str("preset");
    const choice = await initBackend(backend);
    const gpu = choice.gpu !== undefined ? ` [${describeGpu(choice.gpu)}]` : "";
    ctx.stderr.write(`backend ${choice.name}: ${choice.reason}${gpu}\n`);
    for (const [name, why] of Object.entries(choice.skipped)) ctx.stderr.write(`  skipped ${name}: ${why}\n`);
    const out = str("out") ?? `runs/${kind}`;
    try {
      const result = await train({
        model: { ...fileConfig.model, model: kind },
        train: trainConfig,
        dataset,
        outDir: out,
        resume: ctx.values.resume === true,
        verify: ctx.values.verify === true,
        backend: choice.name,
        log: (line) => ctx.stderr.write(`${line}\n`),
        signal: ctx.signal,
      });
      result.model.dispose();
      const [firstLoss, lastLoss] = [result.losses[0] ?? null, result.losses.at(-1) ?? null];
      const { step, valLosses, checkpointDir: checkpoint } = result;
      const summary = { model: kind, backend: choice.name, step, firstLoss, lastLoss, valLosses, checkpoint };
      ctx.stdout.write(`${JSON.stringify(summary)}\n`);
      return ctx.signal.aborted ? 130 : 0;
    } finally {
      shutdownBackend();
    }
  },
});
