/**
 * The training loop: builds the model for a dataset's task, runs AdamW with the LR schedule, gradient
 * clipping, EMA and the KL warm-up, logs JSONL metrics (`metrics.jsonl`: one object per logged step and per
 * validation, with the mean-pose baseline beside the model's val loss), and writes checkpoints. A batch is
 * cut into micro-batches (gradient accumulation) that run in this thread or over data-parallel workers
 * (`train.workers`). Every random draw of step s comes from (train.seed, s, micro-batch), and the batch
 * stream's cursor is checkpointed, so stopping after N steps and resuming gives the same weights as running
 * straight through (on the same backend), also with a larger `steps`. SIGINT/SIGTERM (and `signal`) stop the
 * run after the current step with a checkpoint and `interrupted` set. It does not pick the backend
 * (see `initBackend`); it only records it.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { mixSeed, parseModelConfig, type Model, type ModelConfig } from "@choreo/models";
import { checkBackend } from "./backend.js";
import { meanPoseLoss } from "./baseline.js";
import { createBatchStream, type Item } from "./batchStream.js";
import { readCheckpoint, writeCheckpoint, CHECKPOINT_FORMAT, type CheckpointMeta } from "./checkpoint.js";
import { openDataset, type Dataset } from "./dataset.js";
import { createLocalEngine, type Engine } from "./engine.js";
import { CheckpointInvalid, NothingToResume, TrainingDiverged } from "./errors.js";
import { watchInterrupts, yieldToEventLoop, type InterruptReason } from "./interrupts.js";
import { learningRate } from "./lrSchedule.js";
import { createParallelEngine } from "./parallelEngine.js";
import type { MicroBatch } from "./replica.js";
import type { ResolvedTrainConfig, TrainConfigInput } from "./schema.js";
import { batchInputs, createTaskSpec, taskDims, type TaskSpec } from "./task.js";
import { resolveTrainConfig, resumeKey } from "./trainDefaults.js";

export interface TrainOptions {
  /** Model config without input widths (taken from the dataset); `model` names the kind. */
  readonly model: Record<string, unknown> & { model: string };
  readonly train?: TrainConfigInput;
  readonly dataset: string;
  /** Run folder: metrics.jsonl, run.json and checkpoint/. */
  readonly outDir: string;
  /** Hash every shard of the dataset against its manifest (by default only shards up to 64 MiB). */
  readonly verify?: boolean;
  /** Resume from `<outDir>/checkpoint`; NothingToResume when there is none. */
  readonly resume?: boolean;
  /** Stop after this step (the schedule still spans `train.steps`), e.g. to test resume. */
  readonly stopAfter?: number;
  /** The backend's name, recorded in checkpoints and the log. */
  readonly backend?: string;
  readonly log?: (line: string) => void;
  /** Aborting stops the run after the current step, with a checkpoint (`interrupted: "abort"`). */
  readonly signal?: AbortSignal;
  /** Process signals that stop the run with a checkpoint; default SIGINT and SIGTERM; `[]` installs no handler. */
  readonly signals?: readonly ("SIGINT" | "SIGTERM")[];
  /** The BatchMatMul of data-parallel workers' wasm backends (`stock` only for comparisons). */
  readonly wasmMatMul?: "xnnpack" | "stock";
}

export interface ValidationResult {
  readonly step: number;
  readonly loss: number;
  /** The mean-pose baseline's loss on the same windows (motion models). */
  readonly baseline?: number;
}

export interface TrainResult {
  /** The last step run (the checkpoint's step). */
  readonly step: number;
  /** Training loss per step run in this call. */
  readonly losses: number[];
  readonly valLosses: ValidationResult[];
  readonly checkpointDir: string;
  readonly model: Model;
  /** Why the run stopped before its last step (a checkpoint was written at `step`); the CLI exits 130/143. */
  readonly interrupted?: InterruptReason;
}

interface Run {
  readonly config: ResolvedTrainConfig;
  readonly dataset: Dataset;
  readonly spec: TaskSpec;
  readonly modelConfig: ModelConfig;
}

/** The micro-batches of one step: K groups of microBatchSize items, seeds (seed, step) for the first and (seed, step, j) after. */
function microBatches(run: Run, items: Item[], step: number): MicroBatch[] {
  const { microBatchSize, seed } = run.config;
  return Array.from({ length: items.length / microBatchSize }, (_, j) => ({
    inputs: batchInputs(run.spec, items.slice(j * microBatchSize, (j + 1) * microBatchSize)),
    seed: j === 0 ? mixSeed(seed, step) : mixSeed(seed, step, j),
  }));
}

async function resumeInto(
  run: Run,
  engine: Engine,
  ckptDir: string,
  metricsPath: string,
): Promise<CheckpointMeta> {
  const ckpt = readCheckpoint(ckptDir);
  if (ckpt.meta.dataset.digest !== run.dataset.digest)
    throw new CheckpointInvalid(
      ckptDir,
      `was trained on dataset ${ckpt.meta.dataset.digest}, not ${run.dataset.digest}`,
    );
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(ckpt.meta.model, run.modelConfig))
    throw new CheckpointInvalid(ckptDir, "its model config differs from this run's");
  if (!same(resumeKey(ckpt.meta.train), resumeKey(run.config)))
    throw new CheckpointInvalid(
      ckptDir,
      "its data or optimizer config (batch, seed, preset, lr, betas, eps, weight decay, schedule, clipping, EMA) differs from this run's",
    );
  if (ckpt.optimizer === undefined)
    throw new CheckpointInvalid(ckptDir, "has no optimizer state to resume from");
  await engine.load({
    weights: ckpt.weights,
    ...(ckpt.ema !== undefined ? { ema: ckpt.ema } : {}),
    m: ckpt.optimizer.m,
    v: ckpt.optimizer.v,
    optimizerStep: ckpt.optimizer.step,
  });
  // Drop log lines past the checkpoint, so the log reads as one run.
  if (existsSync(metricsPath)) {
    const kept = readFileSync(metricsPath, "utf8")
      .split("\n")
      .filter((l) => l !== "" && (JSON.parse(l) as { step: number }).step <= ckpt.meta.step);
    writeFileSync(metricsPath, kept.map((l) => `${l}\n`).join(""));
  }
  return ckpt.meta;
}

/** Trains (or resumes) a model on a dataset folder. The caller disposes `result.model`. */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const config = resolveTrainConfig(options.train);
  const ckptDir = join(options.outDir, "checkpoint");
  if (options.resume === true && !existsSync(join(ckptDir, "checkpoint.json")))
    throw new NothingToResume(ckptDir);
  const log = options.log ?? (() => {});
  const dataset = openDataset(options.dataset, { verify: options.verify === true });
  const spec = createTaskSpec(options.model.model as ModelConfig["model"], dataset);
  const modelConfig = parseModelConfig(
    { ...options.model, ...taskDims(spec, dataset) },
    config.preset === "full" ? undefined : config.preset,
  );
  const run: Run = { config, dataset, spec, modelConfig };
  const backend = options.backend ?? tf.getBackend();
  const engine =
    config.workers > 1
      ? await createParallelEngine(modelConfig, config, { fastMatMul: options.wasmMatMul !== "stock" })
      : createLocalEngine(modelConfig, config);
  const interrupts = watchInterrupts(options.signals ?? ["SIGINT", "SIGTERM"], options.signal);
  try {
    return await loop(run, engine, options, { log, backend, interrupts });
  } catch (e) {
    await engine.dispose();
    throw e;
  } finally {
    interrupts.dispose();
  }
}

async function loop(
  run: Run,
  engine: Engine,
  options: TrainOptions,
  env: { log: (l: string) => void; backend: string; interrupts: ReturnType<typeof watchInterrupts> },
): Promise<TrainResult> {
  const { config, dataset, spec, modelConfig } = run;
  const ckptDir = join(options.outDir, "checkpoint");
  const metricsPath = join(options.outDir, "metrics.jsonl");
  mkdirSync(options.outDir, { recursive: true });
  let step = 0;
  let cursor = { epoch: 0, offset: 0 };
  if (options.resume === true) {
    ({ step, cursor } = await resumeInto(run, engine, ckptDir, metricsPath));
    env.log(`resumed from ${ckptDir} at step ${step}`);
  } else writeFileSync(metricsPath, "");
  writeFileSync(
    join(options.outDir, "run.json"),
    `${JSON.stringify({ backend: env.backend, workers: config.workers, parameters: engine.parameters, dataset: dataset.dir, datasetDigest: dataset.digest, model: modelConfig, train: config }, null, 2)}\n`,
  );
  env.log(
    `model ${modelConfig.model} (${engine.parameters} parameters); dataset ${dataset.name} (${dataset.items.train ?? 0} train items); backend ${env.backend}${config.workers > 1 ? ` × ${config.workers} wasm workers` : ""}; batch ${config.batchSize} in micro-batches of ${config.microBatchSize}`,
  );

  const stream = createBatchStream(dataset, {
    split: "train",
    batchSize: config.batchSize,
    seed: config.seed,
    cursor,
  });
  const valItems = dataset.items.val ?? 0;
  const valStream =
    valItems > 0
      ? createBatchStream(dataset, {
          split: "val",
          batchSize: Math.min(config.microBatchSize, valItems),
          seed: 0,
          shuffle: false,
        })
      : undefined;
  const valData =
    valStream === undefined ? [] : Array.from({ length: config.valBatches }, () => valStream.next());
  const valBatches = valData.map((items, i) => ({
    inputs: batchInputs(spec, items),
    seed: mixSeed(config.seed, 0x7a1, i),
  }));
  const baseline = meanPoseLoss(spec, dataset, valData.flat());
  const meta = (): CheckpointMeta => ({
    format: CHECKPOINT_FORMAT,
    step,
    model: modelConfig,
    train: config,
    dataset: { name: dataset.name, digest: dataset.digest, fps: dataset.fps },
    task: spec,
    cursor: stream.cursor,
    backend: env.backend,
  });
  let savedStep = -1;
  const save = async (): Promise<void> => {
    const s = await engine.state();
    writeCheckpoint(ckptDir, {
      meta: meta(),
      weights: s.weights,
      ...(s.ema !== undefined ? { ema: s.ema } : {}),
      optimizer: { m: s.m, v: s.v, step: s.optimizerStep },
    });
    savedStep = step;
  };

  const losses: number[] = [];
  const valLosses: ValidationResult[] = [];
  const last = Math.min(config.steps, options.stopAfter ?? config.steps);
  const started = performance.now();
  await yieldToEventLoop();
  while (step < last && env.interrupts.reason === undefined) {
    step++;
    const lr = learningRate(config, step);
    const klScale = config.klWarmupSteps > 0 ? Math.min(1, step / config.klWarmupSteps) : 1;
    const { loss, gradNorm } = await engine.step(microBatches(run, stream.next(), step), { lr, klScale });
    checkBackend();
    if (!Number.isFinite(loss)) throw new TrainingDiverged(step, `loss is ${loss}`);
    losses.push(loss);
    if (step % config.logEvery === 0 || step === 1) {
      const seconds = (performance.now() - started) / 1000;
      appendFileSync(
        metricsPath,
        `${JSON.stringify({ step, loss, lr, gradNorm, klScale, samplesPerSec: (losses.length * config.batchSize) / seconds, seconds })}\n`,
      );
      env.log(`step ${step} loss ${loss.toFixed(5)} lr ${lr.toExponential(2)} |g| ${gradNorm.toFixed(3)}`);
    }
    if (valBatches.length > 0 && config.valEvery > 0 && (step % config.valEvery === 0 || step === last)) {
      const perBatch = await engine.evaluate(valBatches);
      const v = perBatch.reduce((a, b) => a + b, 0) / perBatch.length;
      valLosses.push({ step, loss: v, ...(baseline !== undefined ? { baseline } : {}) });
      appendFileSync(
        metricsPath,
        `${JSON.stringify({ step, valLoss: v, ...(baseline !== undefined ? { baselineValLoss: baseline } : {}) })}\n`,
      );
      env.log(
        `step ${step} val ${v.toFixed(5)}${baseline !== undefined ? ` (mean pose ${baseline.toFixed(5)})` : ""}`,
      );
    }
    if ((config.checkpointEvery > 0 && step % config.checkpointEvery === 0) || step === last) await save();
    await yieldToEventLoop();
  }
  const interrupted = step < last ? env.interrupts.reason : undefined;
  if (interrupted !== undefined && savedStep !== step) await save();
  if (interrupted !== undefined)
    env.log(`${interrupted}: stopped at step ${step}, checkpoint written (resume with --resume)`);
  return {
    step,
    losses,
    valLosses,
    checkpointDir: ckptDir,
    model: await engine.finish(),
    ...(interrupted !== undefined ? { interrupted } : {}),
  };
}
