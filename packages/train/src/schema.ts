/**
 * The training config (zod): optimizer (AdamW, PyTorch semantics), LR schedule, clipping, EMA, batching,
 * logging, validation and checkpoint cadence, and the preset of model sizes. A config file holds
 * `{ "model": {...model config...}, "train": {...} }`; the model's input widths come from the dataset.
 */
import { z } from "zod";

export const TrainConfig = z.object({
  steps: z.number().int().positive().default(300),
  batchSize: z.number().int().positive().default(8),
  lr: z.number().positive().default(1e-4),
  weightDecay: z.number().nonnegative().default(0.01),
  beta1: z.number().min(0).max(1).default(0.9),
  beta2: z.number().min(0).max(1).default(0.999),
  eps: z.number().positive().default(1e-8),
  schedule: z.enum(["constant", "cosine"]).default("cosine"),
  warmupSteps: z.number().int().nonnegative().default(0),
  /** Final LR as a fraction of `lr` (cosine). */
  minLrFactor: z.number().min(0).max(1).default(0.1),
  /** Max global gradient norm; 0 turns clipping off. */
  clipNorm: z.number().nonnegative().default(1),
  /** EMA decay of the weights used for sampling; 0 turns EMA off. */
  emaDecay: z.number().min(0).max(1).default(0.999),
  seed: z.number().int().nonnegative().default(0),
  logEvery: z.number().int().positive().default(10),
  valEvery: z.number().int().nonnegative().default(50),
  valBatches: z.number().int().positive().default(2),
  checkpointEvery: z.number().int().nonnegative().default(100),
  /** Model sizes merged under the model config: `tiny`, `small`, or `full` (the reference sizes). */
  preset: z.enum(["tiny", "small", "full"]).default("small"),
});
export type TrainConfig = z.infer<typeof TrainConfig>;
export type TrainConfigInput = z.input<typeof TrainConfig>;

export const TrainFile = z.object({
  model: z.record(z.string(), z.unknown()).default({}),
  train: z.record(z.string(), z.unknown()).default({}),
});
