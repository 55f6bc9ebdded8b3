/**
 * Where the steps run. An Engine takes the micro-batches of one global batch and performs one optimizer step
 * on them: `createLocalEngine` in this thread (gradient accumulation over the micro-batches), or
 * `createParallelEngine` over worker threads (data parallel). Both average the gradients of all K
 * micro-batches in micro-batch order, so they give the same weights up to float rounding.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Model, ModelConfig } from "@choreo/models";
import { Replica, type MicroBatch, type TrainState } from "./replica.js";
import type { ResolvedTrainConfig } from "./schema.js";

export interface StepOptions {
  readonly lr: number;
  /** KL warm-up factor of this step (before the micro-batch correction). */
  readonly klScale: number;
}

export interface Engine {
  /** Number of scalar parameters of the model. */
  readonly parameters: number;
  /** One optimizer step over all micro-batches of a batch: the batch's loss and the gradient norm before clipping. */
  step(micro: readonly MicroBatch[], options: StepOptions): Promise<{ loss: number; gradNorm: number }>;
  /** The evaluation loss of each batch. */
  evaluate(batches: readonly MicroBatch[]): Promise<number[]>;
  state(): Promise<TrainState>;
  load(state: TrainState): Promise<void>;
  /** Ends training: releases what the engine holds and returns the trained model on this thread's backend. */
  finish(): Promise<Model>;
  /** Releases everything (on failure). */
  dispose(): Promise<void>;
}

/** Averages summed gradients over K micro-batches (×1/K; nothing for K = 1, so that path stays bit-stable). */
export function averageOf(grads: Map<string, tf.Tensor>, k: number): Map<string, tf.Tensor> {
  if (k === 1) return grads;
  const out = new Map<string, tf.Tensor>();
  for (const [name, g] of grads) {
    out.set(name, tf.mul(g, 1 / k));
    g.dispose();
  }
  return out;
}

/** An engine in this thread, on the backend already started. */
export function createLocalEngine(modelConfig: ModelConfig, config: ResolvedTrainConfig): Engine {
  const replica = new Replica(modelConfig, config);
  return {
    parameters: replica.size,
    async step(micro, options) {
      const { loss, grads } = await replica.accumulate(micro, { klScale: options.klScale * micro.length });
      const gradNorm = await replica.update(averageOf(grads, micro.length), options.lr);
      return { loss: loss / micro.length, gradNorm };
    },
    evaluate: (batches) => replica.evaluate(batches),
    state: () => replica.state(),
    load: async (state) => replica.load(state),
    finish: async () => replica.release(),
    dispose: async () => replica.release().dispose(),
  };
}
