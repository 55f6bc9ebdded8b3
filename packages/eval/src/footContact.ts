/**
 * PFC (Physical Foot Contact score), ported from EDGE `eval/eval_pfc.py::calc_physical_score` (@17c3428):
 * per sequence, mean over t of min-foot horizontal displacement (left) × (right) × the upward-clamped root
 * acceleration normalised by its max; ×1e4 and averaged over sequences. Float64 on the (float32) joints.
 * The up axis is a parameter (z by default, EDGE's rotated frame); DT = 1/fps only enters the acceleration,
 * whose scale cancels in the max-normalisation. The reference crashes above 1,000 files (missing `import
 * random`); `samplePfcFiles` takes a seeded sample instead.
 */
import type { JointSequence } from "./jointSequence.js";
import { hasNonFinite, ignoreWarnings, type WarnFn } from "./warnings.js";

export interface PfcOptions {
  readonly upAxis?: "x" | "y" | "z";
  /** Frame rate; default 30 (EDGE). */
  readonly fps?: number;
  readonly warn?: WarnFn;
}

const AXIS = { x: 0, y: 1, z: 2 } as const;
// lankle, ltoes ("lfoot"), rankle, rtoes.
const FEET = [7, 10, 8, 11] as const;

/** The unscaled PFC term of one sequence; NaN (with a warning) when T < 3, NaN input or no root acceleration. */
export function footContactScore(seq: JointSequence, options: PfcOptions = {}): number {
  const warn = options.warn ?? ignoreWarnings;
  const up = AXIS[options.upAxis ?? "z"];
  const [h0, h1] = [0, 1, 2].filter((a) => a !== up) as [number, number];
  const dt = 1 / (options.fps ?? 30);
  const { frames: n, joints, data } = seq;
  if (n < 3 || hasNonFinite(data)) {
    const code = n < 3 ? "too-short" : "non-finite-input";
    warn({
      metric: "pfc",
      code,
      message: code === "too-short" ? `T = ${n} < 3 frames` : "motion has NaN or infinite positions",
    });
    return NaN;
  }
  const at = (t: number, j: number, c: number): number => data[(t * joints + j) * 3 + c]!;
  const rootAcc = new Float64Array(n - 2);
  let max = 0;
  for (let k = 0; k < n - 2; k++) {
    const a = [0, 1, 2].map((c) => {
      const v0 = (at(k + 1, 0, c) - at(k, 0, c)) / dt;
      const v1 = (at(k + 2, 0, c) - at(k + 1, 0, c)) / dt;
      return (v1 - v0) / dt;
    });
    a[up] = Math.max(a[up]!, 0);
    rootAcc[k] = Math.sqrt(a[0]! * a[0]! + a[1]! * a[1]! + a[2]! * a[2]!);
    max = Math.max(max, rootAcc[k]!);
  }
  if (max === 0) {
    // The reference divides by zero here (NaN); choreo says why.
    warn({
      metric: "pfc",
      code: "constant-motion",
      message: "the root never accelerates (max acceleration 0)",
    });
    return NaN;
  }
  let sum = 0;
  for (let k = 0; k < n - 2; k++) {
    // parity: foot "velocity" is the per-frame horizontal displacement t+1 → t+2 (not divided by DT).
    const v = FEET.map((j) =>
      Math.hypot(at(k + 2, j, h0) - at(k + 1, j, h0), at(k + 2, j, h1) - at(k + 1, j, h1)),
    );
    sum += Math.min(v[0]!, v[1]!) * Math.min(v[2]!, v[3]!) * (rootAcc[k]! / max);
  }
  return sum / (n - 2);
}

/** PFC over a set: 1e4 × the mean of the per-sequence scores (NaN sequences are skipped, with their warnings). */
export function pfc(sequences: readonly JointSequence[], options: PfcOptions = {}): number {
  const scores = sequences.map((s) => footContactScore(s, options)).filter((v) => !Number.isNaN(v));
  if (scores.length === 0) return NaN;
  return (scores.reduce((a, b) => a + b, 0) / scores.length) * 10000;
}

/** EDGE samples 1,000 of more than 1,000 files; a seeded (mulberry32) sample without replacement, sorted. */
export function samplePfcFiles<TItem>(
  items: readonly TItem[],
  options: { max?: number; seed?: number } = {},
): TItem[] {
  const max = options.max ?? 1000;
  if (items.length <= max) return [...items];
  let state = (options.seed ?? 0) >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const index = items.map((_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (index.length - i));
    [index[i], index[j]] = [index[j]!, index[i]!];
  }
  return index
    .slice(0, max)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}
