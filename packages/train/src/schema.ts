/**
 * The training config (zod): optimizer (AdamW, PyTorch semantics), LR schedule, clipping, EMA, batching
 * (micro-batches and data-parallel workers), logging, validation and checkpoint cadence, and the preset of
 * model sizes. Fields left unset (`lr`, `weightDecay`, `warmupSteps`, `emaDecay`, `klWarmupSteps`, `microBatchSize`) take
 * the preset's defaults, scaled to the run length (`resolveTrainConfig`). A config file holds
 * `{ "model": {...model config...}, "train": {...} }`; the model's input widths come from the dataset.
 * Both are strict: an unknown key (a typo) is an error, not a setting silently ignored.
 */
import { z } from "zod";

export const TrainConfig = z
  .object({
    steps: z.number().int().positive().default(300),
    /** The global batch: items per optimizer step. */
    batchSize: z.number().int().positive().default(8),
    /**
     * Items per forward/backward pass: each batch is cut into batchSize / microBatchSize micro-batches whose
     * gradients are averaged (accumulation), so a large batch fits the wasm heap. Default: the batch split
     * evenly over `workers`.
     */
    microBatchSize: z.number().int().positive().optional(),
    /** Worker threads, each with its own wasm backend, sharing every batch (data parallel); 1 trains in-thread. */
    workers: z.number().int().positive().default(1),
    /** Peak learning rate; default per preset (tiny 2e-3, small 5e-4, full 1e-4). */
    lr: z.number().positive().optional(),
    /** AdamW's decoupled weight decay; default per preset (tiny 0.1, small and full 0.01). */
    weightDecay: z.number().nonnegative().optional(),
    beta1: z.number().min(0).max(1).default(0.9),
    beta2: z.number().min(0).max(1).default(0.999),
    eps: z.number().positive().default(1e-8),
    schedule: z.enum(["constant", "cosine"]).default("cosine"),
    /** Linear LR warm-up; default 5% of `steps` (at most 1000). */
    warmupSteps: z.number().int().nonnegative().optional(),
    /** Final LR as a fraction of `lr` (cosine). */
    minLrFactor: z.number().min(0).max(1).default(0.1),
    /** Max global gradient norm; 0 turns clipping off. */
    clipNorm: z.number().nonnegative().default(1),
    /** EMA decay of the weights used for sampling; 0 turns EMA off. Default 1 − 10/steps in [0.9, 0.999]: the EMA spans the last ~10% of the run. */
    emaDecay: z.number().min(0).max(1).optional(),
    /** CVAE KL weight ramp: klWeight × min(1, step / klWarmupSteps). Default 20% of `steps`; 0 turns it off. */
    klWarmupSteps: z.number().int().nonnegative().optional(),
    seed: z.number().int().nonnegative().default(0),
    logEvery: z.number().int().positive().default(10),
    valEvery: z.number().int().nonnegative().default(50),
    valBatches: z.number().int().positive().default(2),
    checkpointEvery: z.number().int().nonnegative().default(100),
    /** Model sizes merged under the model config: `tiny`, `small`, or `full` (the reference sizes). */
    preset: z.enum(["tiny", "small", "full"]).default("small"),
  })
  .strict();
export type TrainConfig = z.infer<typeof TrainConfig>;
/** A config with every preset default filled in (what checkpoints record). */
export type ResolvedTrainConfig = TrainConfig & {
  lr: number;
  weightDecay: number;
  warmupSteps: number;
  emaDecay: number;
  klWarmupSteps: number;
  microBatchSize: number;
};
export type TrainConfigInput = z.input<typeof TrainConfig>;

export const TrainFile = z
  .object({
    model: z.record(z.string(), z.unknown()).default({}),
    train: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
