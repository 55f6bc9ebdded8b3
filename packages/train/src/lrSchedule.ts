/** Learning rate at a step (1-based): linear warmup, then constant or cosine decay to `minLrFactor·lr`. */
import type { ResolvedTrainConfig } from "./schema.js";

export function learningRate(
  config: Pick<ResolvedTrainConfig, "lr" | "schedule" | "warmupSteps" | "minLrFactor" | "steps">,
  step: number,
): number {
  if (config.warmupSteps > 0 && step <= config.warmupSteps) return (config.lr * step) / config.warmupSteps;
  if (config.schedule === "constant") return config.lr;
  const span = Math.max(1, config.steps - config.warmupSteps);
  const progress = Math.min(1, (step - config.warmupSteps) / span);
  const min = config.lr * config.minLrFactor;
  return min + (config.lr - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
