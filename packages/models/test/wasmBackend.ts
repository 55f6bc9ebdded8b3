/**
 * Test-only helpers for running models on TF.js's wasm backend, started the way @choreo/train starts it (SIMD,
 * one thread, .wasm files from the installed package, never the network), and a plain Adam overfit loop.
 * Not a trainer: no batching, clipping, schedules or checkpoints (those are @choreo/train's and its tests').
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createNoise, mixSeed } from "../src/noise.js";
import type { Batch, Model } from "../src/model.js";

/** Makes wasm the TF.js backend of this test file (throws when it cannot start). */
export async function useWasmBackend(): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`);
  if (!(await tf.setBackend("wasm")) || tf.getBackend() !== "wasm")
    throw new Error("the wasm backend did not start");
  await tf.ready();
}

/** The mean evaluation loss (training off) over fixed noise seeds, so two calls see the same timesteps/noise. */
export function evalLoss(model: Model, batch: Batch, seeds = 1): number {
  let sum = 0;
  for (let s = 0; s < seeds; s++) {
    sum += tf.tidy(() => model.loss(batch, createNoise(mixSeed(0xe7a1, s)), false).loss.dataSync()[0]!);
  }
  return sum / seeds;
}

/** `steps` Adam steps at learning rate `lr` on one fixed batch (fresh noise per step); returns the step losses. */
export function overfit(
  model: Model,
  batch: Batch,
  options: { steps: number; lr: number; seed?: number },
): number[] {
  const vars = [...model.params.variables.values()];
  const optimizer = tf.train.adam(options.lr);
  const losses: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    const noise = createNoise(mixSeed(options.seed ?? 1, step));
    const cost = optimizer.minimize(() => model.loss(batch, noise, true).loss, true, vars);
    losses.push(cost!.dataSync()[0]!);
    cost!.dispose();
  }
  optimizer.dispose();
  return losses;
}

/** True when every value of `t` is finite. */
export function allFinite(t: tf.Tensor): boolean {
  return (t.dataSync() as Float32Array).every(Number.isFinite);
}
