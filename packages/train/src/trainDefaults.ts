/**
 * Each preset's training defaults, filled into the fields a config leaves unset. Chosen so short runs learn
 * (the demo's tiny run beats the mean-pose baseline): a higher peak LR for smaller models, more weight decay
 * for the tiny one (with its dropout and condition dropout: the demo has 28 windows), a warm-up of 5% of
 * the run, an EMA whose horizon is ~10% of the run (a fixed 0.999 over 300 steps would leave the sampled
 * weights ~74% at their initialization), a KL weight ramped in over the first 20% (the CVAE first learns to
 * reconstruct, then its posterior is pulled toward the prior it samples from), and micro-batches that split
 * the batch evenly over the workers. The explicit values of a config always win.
 */
import { formatZodIssues } from "@choreo/core";
import { TrainConfigInvalid } from "./errors.js";
import { TrainConfig, type ResolvedTrainConfig, type TrainConfigInput } from "./schema.js";

const peakLr = { tiny: 2e-3, small: 5e-4, full: 1e-4 } as const;
// The tiny model on the demo's few windows overfits without it (with the preset's dropout and condition dropout).
const weightDecay = { tiny: 0.1, small: 0.01, full: 0.01 } as const;

/** Parses a train config and fills the preset defaults; throws TrainConfigInvalid when the batch cannot be split. */
export function resolveTrainConfig(
  input: TrainConfigInput | undefined,
  source = "options",
): ResolvedTrainConfig {
  const parsed = TrainConfig.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success)
    throw new TrainConfigInvalid(source, formatZodIssues(parsed.error.issues), { cause: parsed.error });
  const c = parsed.data;
  const microBatchSize = c.microBatchSize ?? c.batchSize / c.workers;
  if (
    !Number.isInteger(microBatchSize) ||
    c.batchSize % microBatchSize !== 0 ||
    (c.batchSize / microBatchSize) % c.workers !== 0
  ) {
    throw new TrainConfigInvalid(
      source,
      `batchSize ${c.batchSize} does not split into micro-batches of ${microBatchSize} shared evenly by ${c.workers} workers`,
    );
  }
  return {
    ...c,
    microBatchSize,
    lr: c.lr ?? peakLr[c.preset],
    weightDecay: c.weightDecay ?? weightDecay[c.preset],
    warmupSteps: c.warmupSteps ?? Math.min(1000, Math.round(0.05 * c.steps)),
    emaDecay: c.emaDecay ?? Math.min(0.999, Math.max(0.9, 1 - 10 / c.steps)),
    klWarmupSteps: c.klWarmupSteps ?? Math.round(0.2 * c.steps),
  };
}

/** The fields a resumed run must share with its checkpoint: the model, the data order and the optimizer. */
export function resumeKey(c: ResolvedTrainConfig): Record<string, unknown> {
  const { batchSize, seed, preset, lr, weightDecay, beta1, beta2, eps, schedule, minLrFactor, clipNorm } = c;
  return {
    batchSize,
    seed,
    preset,
    lr,
    weightDecay,
    beta1,
    beta2,
    eps,
    schedule,
    minLrFactor,
    clipNorm,
    ema: c.emaDecay > 0,
  };
}
