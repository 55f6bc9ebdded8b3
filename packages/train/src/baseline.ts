/**
 * The trivial baseline a motion model must beat: predicting the training split's mean pose at every frame.
 * Its loss is the MSE, in the model's normalized space, between each validation window and the normalized
 * mean pose, the same scale as a CVAE's reconstruction term. Computed in JavaScript once per run.
 */
import type { Item } from "./batchStream.js";
import type { Dataset } from "./dataset.js";
import { normalize, type TaskSpec } from "./task.js";

/** The mean-pose MSE over `items` (normalized), or undefined for tasks without a motion output. */
export function meanPoseLoss(spec: TaskSpec, dataset: Dataset, items: readonly Item[]): number | undefined {
  const mean = dataset.stats.motion?.mean;
  if (
    spec.motion === undefined ||
    mean === undefined ||
    items.length === 0 ||
    (spec.kind !== "cvae" && spec.kind !== "cvae-mlp" && spec.kind !== "edge")
  )
    return undefined;
  const pose = normalize(Float32Array.from(mean), spec.motion);
  let sum = 0;
  let count = 0;
  for (const item of items) {
    const x = normalize(Float32Array.from(item.motion!), spec.motion);
    for (let i = 0; i < x.length; i++) sum += (x[i]! - pose[i % pose.length]!) ** 2;
    count += x.length;
  }
  return sum / count;
}
