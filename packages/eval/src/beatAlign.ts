/**
 * Beat Alignment Score in its two named variants (metrics.md §2):
 * - `bas-bailando`, Bailando `utils/beat_align_score.py::BA` (@cc90b98): for each music beat, the nearest
 *   motion beat; recall-like; music beats cut to the T−1 frames of the speed curve; float64 sum.
 * - `bas-fact`, mint PR #41 `tools/calculate_beat_scores.py::alignment_score` (@83d64b9): for each motion
 *   beat, the nearest music beat; precision-like; seed frames dropped after detection; float32 throughout.
 * σ is in frames; `fps` rescales the 60 fps defaults to the same time scale. Undefined scores (no beats,
 * non-finite motion) are NaN with a warning, never an exception (the references raise or return 0).
 * Motion beats are @choreo/motion's `kinematicBeats` in the matching reference variant.
 */
import { kinematicBeats } from "@choreo/motion";
import type { JointSequence } from "./jointSequence.js";
import { hasNonFinite, ignoreWarnings, type WarnFn } from "./warnings.js";
import { InvalidMetricOption } from "./errors.js";

export interface BeatAlignOptions {
  /** Frame rate of motion and music beats; σ, smoothing and order default to 60 fps values rescaled. */
  readonly fps?: number;
  /** σ of the alignment kernel in frames; default 3 at 60 fps (50 ms). */
  readonly sigmaFrames?: number;
  readonly warn?: WarnFn;
}

export interface BasBailandoOptions extends BeatAlignOptions {
  /** Gaussian smoothing σ of the speed curve in frames; default 5 at 60 fps. */
  readonly smoothingSigmaFrames?: number;
}

export interface BasFactOptions extends BeatAlignOptions {
  /** Order of the strict minima; default 10 at 60 fps. */
  readonly order?: number;
  /** Frames dropped from both beat tracks after detection (FACT's 120 seed frames); default 0. */
  readonly seedFrames?: number;
}

function scaled(value: number | undefined, at60: number, fps: number | undefined, name: string): number {
  const v = value ?? (at60 * (fps ?? 60)) / 60;
  if (!(v > 0) || !Number.isFinite(v))
    throw new InvalidMetricOption(name, `must be a positive number, got ${v}`);
  return v;
}

/** A BAS result: the score and the motion beats it used (frames). */
export interface BeatAlignResult {
  readonly score: number;
  readonly motionBeats: readonly number[];
}

/** `bas-bailando`: mean over music beats (< T−1) of exp(−min_m (m−b)² / 2σ²). */
export function basBailando(
  seq: JointSequence,
  musicBeats: readonly number[],
  options: BasBailandoOptions = {},
): BeatAlignResult {
  const warn = options.warn ?? ignoreWarnings;
  const sigma = scaled(options.sigmaFrames, 3, options.fps, "sigmaFrames");
  const smoothing = scaled(options.smoothingSigmaFrames, 5, options.fps, "smoothingSigmaFrames");
  if (hasNonFinite(seq.data)) {
    warn({
      metric: "bas-bailando",
      code: "non-finite-input",
      message: "motion has NaN or infinite positions",
    });
    return { score: NaN, motionBeats: [] };
  }
  const { beats, speed } = kinematicBeats(seq.data, seq, { smoothingSigmaFrames: smoothing });
  const length = speed.length;
  const music = musicBeats.filter((b) => b >= 0 && b < length);
  if (music.length === 0) {
    warn({
      metric: "bas-bailando",
      code: "no-music-beats",
      message: `no music beat in the first ${length} frames`,
    });
    return { score: NaN, motionBeats: beats };
  }
  if (beats.length === 0) {
    warn({
      metric: "bas-bailando",
      code: "no-motion-beats",
      message: "the smoothed speed curve has no strict minimum",
    });
    return { score: NaN, motionBeats: beats };
  }
  const sigma2 = sigma * sigma;
  let sum = 0;
  for (const b of music) {
    let best = Infinity;
    for (const m of beats) best = Math.min(best, (m - b) * (m - b));
    // parity: `np.exp(-d / 2 / 9)` in this order.
    sum += Math.exp(-best / 2 / sigma2);
  }
  return { score: sum / music.length, motionBeats: beats };
}

/** `bas-fact`: mean over motion beats (after the seed) of exp(−min_b |b−m|² / 2σ²), float32. */
export function basFact(
  seq: JointSequence,
  musicBeats: readonly number[],
  options: BasFactOptions = {},
): BeatAlignResult {
  const warn = options.warn ?? ignoreWarnings;
  const sigma = scaled(options.sigmaFrames, 3, options.fps, "sigmaFrames");
  const order = Math.max(1, Math.round(scaled(options.order, 10, options.fps, "order")));
  const seed = options.seedFrames ?? 0;
  if (hasNonFinite(seq.data)) {
    warn({ metric: "bas-fact", code: "non-finite-input", message: "motion has NaN or infinite positions" });
    return { score: NaN, motionBeats: [] };
  }
  const beats = kinematicBeats(seq.data, seq, { reference: "fact", order }).beats.filter((m) => m >= seed);
  const music = musicBeats.filter((b) => b >= seed && b < seq.frames);
  if (beats.length === 0) {
    // The reference returns 0.0 here; 0 reads like a real (bad) score, so choreo reports NaN and warns.
    warn({
      metric: "bas-fact",
      code: "no-motion-beats",
      message: `no order-${order} speed minimum after frame ${seed}`,
    });
    return { score: NaN, motionBeats: beats };
  }
  if (music.length === 0) {
    warn({
      metric: "bas-fact",
      code: "no-music-beats",
      message: `no music beat in frames [${seed}, ${seq.frames})`,
    });
    return { score: NaN, motionBeats: beats };
  }
  const sigma2 = Math.fround(sigma * sigma);
  let sum = 0;
  for (const m of beats) {
    let d = Infinity;
    for (const b of music) d = Math.min(d, Math.abs(b - m));
    const d32 = Math.fround(d);
    // parity: float32 `np.exp(-d**2 / 2 / sigma**2)` and a float32 running sum (numpy 2 scalar promotion).
    const arg = Math.fround(Math.fround(-Math.fround(d32 * d32) / 2) / sigma2);
    sum = Math.fround(sum + Math.fround(Math.exp(arg)));
  }
  return { score: Math.fround(sum / beats.length), motionBeats: beats };
}
