/**
 * The training loop: builds the model for a dataset's task, runs AdamW with the LR schedule, gradient
 * clipping and EMA, logs JSONL metrics (`metrics.jsonl`: one object per logged step and per validation),
 * evaluates the validation loss periodically and writes checkpoints. Every random draw of step s comes from
 * seed (train.seed, s), and the batch stream's cursor is checkpointed, so stopping after N steps and resuming
 * gives the same weights as running straight through (on the same backend). It does not pick the backend
 * (see `initBackend`); it only records it.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { createModel, createNoise, mixSeed, parseModelConfig, type Model, type ModelConfig } from "@choreo/models";
import { AdamW, clipByGlobalNorm, Ema } from "./adamW.js";
import { checkBackend } from "./backend.js";
import { createBatchStream, type Item } from "./batchStream.js";
import { readCheckpoint, writeCheckpoint, CHECKPOINT_FORMAT, type CheckpointMeta, type NamedArrays } from "./checkpoint.js";
import { openDataset } from "./dataset.js";
import { CheckpointInvalid, TrainingDiverged } from "./errors.js";
import { learningRate } from "./lrSchedule.js";
import { TrainConfig, type TrainConfigInput } from "./schema.js";
import { batchInputs, createTaskSpec, taskDims, type TaskSpec } from "./task.js";

export interface TrainOptions {
  /** Model config without input widths (taken from the dataset); `model` names the kind. */
  readonly model: Record<string, unknown> & { model: string };
  readonly train?: TrainConfigInput;
  readonly dataset: string;
  /** Run folder: metrics.jsonl, run.json and checkpoint/. */
  readonly outDir: string;
  /** Resume from `<outDir>/checkpoint` when it exists. */
  readonly resume?: boolean;
  /** Stop after this step (the schedule still spans `train.steps`), e.g. to test resume. */
  readonly stopAfter?: number;
  /** The backend's name, recorded in checkpoints and the log. */
  readonly backend?: string;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface TrainResult {
  readonly step: number;
  /** Training loss per step run in this call. */
  readonly losses: number[];
  readonly valLosses: Array<{ step: number; loss: number }>;
  readonly checkpointDir: string;
  readonly model: Model;
}

function toTensors(inputs: ReturnType<typeof batchInputs>): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]));
}

/** The validation loss over the first `batches` batches of `val` (stored order, fixed noise, no dropout). */
async function validationLoss(model: Model, spec: TaskSpec, batches: Item[][], seed: number): Promise<number> {
  let total = 0;
  for (const [i, items] of batches.entries()) {
    const loss = tf.tidy(() => model.loss(toTensors(batchInputs(spec, items)), createNoise(mixSeed(seed, 0x7a1, i)), false).loss);
    total += (await loss.data())[0]!;
    loss.dispose();
  }
  return total / batches.length;
}

function sameConfig(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Trains (or resumes) a model on a dataset folder. The caller disposes `result.model`. */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const config = TrainConfig.parse(options.train ?? {});
  const log = options.log ?? (() => {});
  const dataset = openDataset(options.dataset);
  const spec = createTaskSpec(options.model.model as ModelConfig["model"], dataset);
  const modelConfig = parseModelConfig({ ...options.model, ...taskDims(spec, dataset) }, config.preset === "full" ? undefined : config.preset);
  const model = createModel(modelConfig);
  const optimizer = new AdamW(model.params, config);
  const ema = config.emaDecay > 0 ? new Ema(model.params, config.emaDecay) : undefined;
  const ckptDir = join(options.outDir, "checkpoint");
  const metricsPath = join(options.outDir, "metrics.jsonl");
  mkdirSync(options.outDir, { recursive: true });

  let step = 0;
  let cursor = { epoch: 0, offset: 0 };
  if (options.resume === true && existsSync(ckptDir)) {
    const ckpt = readCheckpoint(ckptDir);
    if (ckpt.meta.dataset.digest !== dataset.digest) throw new CheckpointInvalid(ckptDir, `was trained on dataset ${ckpt.meta.dataset.digest}, not ${dataset.digest}`);
    if (!sameConfig(ckpt.meta.model, modelConfig) || !sameConfig(ckpt.meta.train, config)) throw new CheckpointInvalid(ckptDir, "its model or train config differs from this run's");
    model.params.import(ckpt.weights);
    if (ckpt.optimizer === undefined) throw new CheckpointInvalid(ckptDir, "has no optimizer state to resume from");
    for (const [name, m] of optimizer.m) m.assign(tf.tensor(ckpt.optimizer.m.get(name)!.data, m.shape));
    for (const [name, v] of optimizer.v) v.assign(tf.tensor(ckpt.optimizer.v.get(name)!.data, v.shape));
    optimizer.step = ckpt.optimizer.step;
    if (ema !== undefined && ckpt.ema !== undefined) for (const [name, s] of ema.shadow) s.assign(tf.tensor(ckpt.ema.get(name)!.data, s.shape));
    step = ckpt.meta.step;
    cursor = ckpt.meta.cursor;
    // Drop log lines past the checkpoint, so the log reads as one run.
    if (existsSync(metricsPath)) {
      const kept = readFileSync(metricsPath, "utf8").split("\n").filter((l) => l !== "" && (JSON.parse(l) as { step: number }).step <= step);
      writeFileSync(metricsPath, kept.map((l) => `${l}\n`).join(""));
    }
    log(`resumed from ${ckptDir} at step ${step}`);
  } else {
    writeFileSync(metricsPath, "");
  }
  writeFileSync(join(options.outDir, "run.json"), `${JSON.stringify({ backend: options.backend ?? tf.getBackend(), dataset: dataset.dir, datasetDigest: dataset.digest, model: modelConfig, train: config, parameters: model.params.count() }, null, 2)}\n`);
  log(`model ${modelConfig.model}: ${model.params.count()} parameters; dataset ${dataset.name} (${dataset.items.train ?? 0} train items); backend ${options.backend ?? tf.getBackend()}`);

  const stream = createBatchStream(dataset, { split: "train", batchSize: config.batchSize, seed: config.seed, cursor });
  const valSplit = dataset.items.val !== undefined && dataset.items.val > 0 ? "val" : undefined;
  const valBatches = valSplit === undefined ? [] : (() => {
    const s = createBatchStream(dataset, { split: valSplit, batchSize: Math.min(config.batchSize, dataset.items.val!), seed: 0, shuffle: false });
    return Array.from({ length: config.valBatches }, () => s.next());
  })();
  const meta = (): CheckpointMeta => ({ format: CHECKPOINT_FORMAT, step, model: modelConfig, train: config, dataset: { name: dataset.name, digest: dataset.digest, fps: dataset.fps }, task: spec, cursor: stream.cursor, backend: options.backend ?? tf.getBackend() });
  const save = async (): Promise<void> => {
    const read = async (m: Map<string, tf.Variable>): Promise<NamedArrays> => {
      const out: NamedArrays = new Map();
      for (const [k, v] of m) out.set(k, { shape: [...v.shape], data: (await v.data()) as Float32Array });
      return out;
    };
    writeCheckpoint(ckptDir, { meta: meta(), weights: await model.params.export(), ...(ema !== undefined ? { ema: await read(ema.shadow) } : {}), optimizer: { m: await read(optimizer.m), v: await read(optimizer.v), step: optimizer.step } });
  };

  const losses: number[] = [];
  const valLosses: Array<{ step: number; loss: number }> = [];
  const last = Math.min(config.steps, options.stopAfter ?? config.steps);
  const started = performance.now();
  const vars = [...model.params.variables.values()];
  while (step < last && options.signal?.aborted !== true) {
    step++;
    const lr = learningRate(config, step);
    const noise = createNoise(mixSeed(config.seed, step));
    const batch = toTensors(batchInputs(spec, stream.next()));
    const { value, grads } = tf.variableGrads(() => model.loss(batch, noise, true).loss, vars);
    const clipped = clipByGlobalNorm(grads, config.clipNorm);
    optimizer.apply(clipped.grads, lr);
    ema?.update();
    const [loss, gradNorm] = [(await value.data())[0]!, (await clipped.norm.data())[0]!];
    tf.dispose([value, clipped.norm, ...Object.values(grads), ...Object.values(clipped.grads), ...Object.values(batch)]);
    checkBackend();
    if (!Number.isFinite(loss)) throw new TrainingDiverged(step, `loss is ${loss}`);
    losses.push(loss);
    if (step % config.logEvery === 0 || step === 1) {
      const seconds = (performance.now() - started) / 1000;
      const line = { step, loss, lr, gradNorm, samplesPerSec: (losses.length * config.batchSize) / seconds, seconds };
      appendFileSync(metricsPath, `${JSON.stringify(line)}\n`);
      log(`step ${step} loss ${loss.toFixed(5)} lr ${lr.toExponential(2)} |g| ${gradNorm.toFixed(3)}`);
    }
    if (valBatches.length > 0 && config.valEvery > 0 && (step % config.valEvery === 0 || step === last)) {
      const v = await validationLoss(model, spec, valBatches, config.seed);
      valLosses.push({ step, loss: v });
      appendFileSync(metricsPath, `${JSON.stringify({ step, valLoss: v })}\n`);
      log(`step ${step} val ${v.toFixed(5)}`);
    }
    if ((config.checkpointEvery > 0 && step % config.checkpointEvery === 0) || step === last) await save();
  }
  if (options.signal?.aborted === true) await save();
  optimizer.dispose();
  ema?.dispose();
  return { step, losses, valLosses, checkpointDir: ckptDir, model };
}
