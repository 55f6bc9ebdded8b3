/**
 * What `evaluateMotion` takes: the metric names (stable, used by the CLI and in reports) and its options,
 * as zod schemas validated where they enter (CLI, config). Internal calls pass plain typed objects.
 */
import { z } from "zod";

export const MOTION_METRICS = [
  "bas-bailando",
  "bas-fact",
  "fid-k",
  "fid-g",
  "div-k",
  "div-g",
  "div-k-gt",
  "div-g-gt",
  "pfc",
] as const;
export const MotionMetric = z.enum(MOTION_METRICS);
export type MotionMetric = z.infer<typeof MotionMetric>;

/** The metrics `choreo eval motion` computes when `--metrics` is not given. */
export const DEFAULT_MOTION_METRICS: readonly MotionMetric[] = [
  "bas-bailando",
  "bas-fact",
  "fid-k",
  "fid-g",
  "div-k",
  "div-g",
  "pfc",
];

export const EvaluateMotionOptions = z.object({
  metrics: z
    .array(MotionMetric)
    .min(1)
    .default([...DEFAULT_MOTION_METRICS]),
  /** Frame rate of the motions and music beats (BAS σ scales with it). */
  fps: z.number().positive().default(60),
  /** Bailando crops predictions to 1,200 frames for FID/Div (not BAS); 0 disables. */
  cropFrames: z.number().int().nonnegative().default(1200),
  /** FACT seed frames dropped for `bas-fact`. */
  seedFrames: z.number().int().nonnegative().default(0),
  featureMode: z.enum(["reference", "corrected"]).default("reference"),
  /** Up axis of PFC (EDGE: z). */
  pfcUpAxis: z.enum(["x", "y", "z"]).default("z"),
  /** Seed for PFC's sample of 1,000 sequences when there are more. */
  pfcSeed: z.number().int().default(0),
});
export type EvaluateMotionOptions = z.input<typeof EvaluateMotionOptions>;
