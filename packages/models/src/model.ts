/**
 * The contract every model meets, so one training loop drives them all: named input tensors per batch, a
 * loss (with named parts for the log) and parameters in a ParamStore. Sampling is model-specific and lives on
 * each model. `noise` supplies every random draw (dropout masks, latent samples, diffusion steps), so a loss
 * is a pure function of (weights, batch, seed).
 */
import type * as tf from "@tensorflow/tfjs-core";
import { BatchShapeMismatch } from "./errors.js";
import type { Noise } from "./noise.js";
import type { ParamStore } from "./paramStore.js";
import type { ModelConfig } from "./schema.js";

/** Named input tensors, batch-first. */
export type Batch = Readonly<Record<string, tf.Tensor>>;

export interface LossResult {
  readonly loss: tf.Scalar;
  /** Components of the loss (unweighted), for the metrics log. */
  readonly parts: Readonly<Record<string, tf.Scalar>>;
}

/** Per-call loss options (schedules the trainer applies). */
export interface LossOptions {
  /** Multiplies a CVAE's KL weight (KL warm-up); ignored by models without a KL term. Default 1. */
  readonly klScale?: number;
}

export interface Model<TConfig extends ModelConfig = ModelConfig> {
  readonly config: TConfig;
  readonly params: ParamStore;
  /** Per-item shape of each input `loss` reads (without the batch axis). */
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  /** The training loss; `training` turns dropout (and the condition drop of diffusion) on. */
  loss(batch: Batch, noise: Noise, training: boolean, options?: LossOptions): LossResult;
  dispose(): void;
}

/** Throws BatchShapeMismatch unless `batch[name]` is `[B, ...shape]`; returns the tensor. */
export function input(batch: Batch, name: string, shape: readonly number[]): tf.Tensor {
  const t = batch[name];
  if (t === undefined) throw new BatchShapeMismatch(name, "missing from the batch");
  if (t.shape.length !== shape.length + 1 || shape.some((d, i) => t.shape[i + 1] !== d)) {
    throw new BatchShapeMismatch(name, `shape [${t.shape.join(", ")}] is not [B, ${shape.join(", ")}]`);
  }
  return t;
}
