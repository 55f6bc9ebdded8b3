/**
 * What `evaluateMotion` takes: the metric names (stable, used by the CLI and in reports) and its options,
 * as zod schemas validated where they enter (CLI, config). Internal calls pass plain typed objects.
 */
import { z } from "zod";
import { formatZodIssues } from "@choreo/core";
import { InvalidMetricOption } from "./errors.js";

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

/** `choreo eval motion`'s flags and the options they set. */
const motionOptionFlags = {
  metrics: "metrics",
  fps: "fps",
  "seed-frames": "seedFrames",
  "feature-mode": "featureMode",
  up: "pfcUpAxis",
} as const;

/**
 * The options from command-line flags given as text (`metrics` comma-separated, numbers as written). A bad
 * value is `InvalidMetricOption` naming the flag: `--fps: expected a number > 0, got 0`.
 */
export function motionOptionsFromFlags(
  flags: Readonly<Record<string, string | undefined>>,
): z.output<typeof EvaluateMotionOptions> {
  const input: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(motionOptionFlags)) {
    const text = flags[flag];
    if (text === undefined) continue;
    const number = text.trim() === "" ? Number.NaN : Number(text);
    input[key] =
      key === "metrics"
        ? text
            .split(",")
            .map((m) => m.trim())
            .filter((m) => m !== "")
        : key === "fps" || key === "seedFrames"
          ? Number.isNaN(number)
            ? text
            : number
          : text;
  }
  const parsed = EvaluateMotionOptions.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = Object.entries(motionOptionFlags).find(([, key]) => key === issue.path[0])?.[0] ?? "options";
  throw new InvalidMetricOption(
    `--${flag}`,
    formatZodIssues([{ ...issue, path: [] }]).replace(/^value: /, ""),
  );
}
