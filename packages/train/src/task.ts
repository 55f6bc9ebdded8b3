/**
 * What a model learns from a dataset: which tensors feed which model inputs, with what normalization.
 * - `cvae`, `cvae-mlp`, `edge`: motion → `motion` (z-scored; min-max to [-1, 1] for edge, as EDGE's
 *   Normalizer), music ⊕ lyrics per frame → `cond` (z-scored), with the manifest's train-split stats;
 * - `rhythm`: the directogram of motion (`@choreo/features`, motion read as joints × 3 with x, y used) and its
 *   peak flags → `rhythm`; the music's `onset_env` column (named in the manifest) z-scored → `target`;
 * - `genre`: motion → `motion`, a one-hot `genre` tensor → `label`.
 * The normalization travels in checkpoints so sampling can normalize conditions and denormalize motion.
 */
import { columnIndex } from "@choreo/dataset";
import { directogram, rhythmPeaks } from "@choreo/features";
import type { ModelKind } from "@choreo/models";
import type { Item } from "./batchStream.js";
import type { ColumnStats, Dataset } from "./dataset.js";
import { DatasetInvalid } from "./errors.js";

/** normalized = (x − shift) / scale, per column. */
export interface Affine {
  readonly shift: number[];
  readonly scale: number[];
  readonly clip?: boolean;
}

export interface TaskSpec {
  readonly kind: ModelKind;
  readonly frames: number;
  /** Dataset tensors concatenated into the condition, in order. */
  readonly condTensors: string[];
  readonly motion?: Affine;
  readonly cond?: Affine;
  readonly target?: Affine & { column: number };
}

export interface ArrayInput {
  readonly data: Float32Array;
  readonly shape: number[];
}

const zscore = (s: ColumnStats): Affine => ({ shift: s.mean, scale: s.std.map((v) => (v > 1e-6 ? v : 1)) });
const minmax = (s: ColumnStats): Affine => ({
  shift: s.min.map((lo, i) => (lo + s.max[i]!) / 2),
  scale: s.min.map((lo, i) => ((s.max[i]! - lo) / 2 > 1e-6 ? (s.max[i]! - lo) / 2 : 1)),
  clip: true,
});

function statsOf(dataset: Dataset, name: string): ColumnStats {
  const s = dataset.stats[name];
  if (s === undefined)
    throw new DatasetInvalid(dataset.dir, `the manifest has no normalization stats for ${name}`);
  return s;
}

function concatStats(parts: ColumnStats[]): ColumnStats {
  return {
    mean: parts.flatMap((p) => p.mean),
    std: parts.flatMap((p) => p.std),
    min: parts.flatMap((p) => p.min),
    max: parts.flatMap((p) => p.max),
  };
}

/** The task of `kind` on `dataset`; throws DatasetInvalid when the dataset lacks what the model needs. */
export function createTaskSpec(kind: ModelKind, dataset: Dataset): TaskSpec {
  const motionShape = dataset.shapes.motion;
  if (motionShape?.length !== 2) throw new DatasetInvalid(dataset.dir, "needs a motion tensor [N, T, D]");
  const frames = motionShape[0]!;
  const condTensors = ["music", "lyrics"].filter((n) => dataset.shapes[n] !== undefined);
  switch (kind) {
    case "cvae":
    case "cvae-mlp":
    case "edge": {
      if (condTensors.length === 0)
        throw new DatasetInvalid(
          dataset.dir,
          "needs music (and optionally lyrics) tensors for the condition",
        );
      const motion = statsOf(dataset, "motion");
      return {
        kind,
        frames,
        condTensors,
        motion: kind === "edge" ? minmax(motion) : zscore(motion),
        cond: zscore(concatStats(condTensors.map((n) => statsOf(dataset, n)))),
      };
    }
    case "rhythm": {
      if (motionShape[1]! % 3 !== 0 || dataset.shapes.music === undefined)
        throw new DatasetInvalid(dataset.dir, "rhythm needs motion [N, T, 3J] and music tensors");
      const music = statsOf(dataset, "music");
      // The onset-strength column by name: the music's column order belongs to its feature set.
      const column = columnIndex(dataset, "music", "onset_env");
      return {
        kind,
        frames,
        condTensors: [],
        target: {
          shift: [music.mean[column]!],
          scale: [music.std[column]! > 1e-6 ? music.std[column]! : 1],
          column,
        },
      };
    }
    case "genre":
      if (dataset.shapes.genre === undefined)
        throw new DatasetInvalid(dataset.dir, "genre needs a one-hot genre tensor [N, G]");
      return { kind, frames, condTensors: [], motion: zscore(statsOf(dataset, "motion")) };
  }
}

/** Widths to merge into the model config. */
export function taskDims(spec: TaskSpec, dataset: Dataset): Record<string, number> {
  const motionDims = dataset.shapes.motion![1]!;
  const condDims = spec.condTensors.reduce((n, t) => n + dataset.shapes[t]![1]!, 0);
  if (spec.kind === "rhythm") return { frames: spec.frames };
  if (spec.kind === "genre") return { frames: spec.frames, motionDims, genres: dataset.shapes.genre![0]! };
  return { frames: spec.frames, motionDims, condDims };
}

/** Applies an affine normalization in place over rows of `cols` columns. */
export function normalize(
  data: Float32Array,
  a: Affine,
  direction: "forward" | "inverse" = "forward",
): Float32Array {
  const cols = a.shift.length;
  for (let i = 0; i < data.length; i++) {
    const c = i % cols;
    if (direction === "inverse") data[i] = data[i]! * a.scale[c]! + a.shift[c]!;
    else {
      const v = (data[i]! - a.shift[c]!) / a.scale[c]!;
      data[i] = a.clip === true ? Math.min(1, Math.max(-1, v)) : v;
    }
  }
  return data;
}

/** Concatenates per-frame rows of several [T, D_i] arrays into [T, ΣD_i]. */
export function concatFrames(parts: Float32Array[], frames: number): Float32Array {
  const widths = parts.map((p) => p.length / frames);
  const total = widths.reduce((a, b) => a + b, 0);
  const out = new Float32Array(frames * total);
  for (let t = 0; t < frames; t++) {
    let o = t * total;
    parts.forEach((p, k) => {
      out.set(p.subarray(t * widths[k]!, (t + 1) * widths[k]!), o);
      o += widths[k]!;
    });
  }
  return out;
}

/** The rhythm input [T, bins + 1] of one motion window [T, 3J]: directogram and peak flags, zero-padded at the end. */
export function rhythmInput(motion: Float32Array, frames: number, bins = 10): Float32Array {
  const joints = motion.length / frames / 3;
  const directo = directogram(motion, { frames, joints, dims: 2, stride: 3 }, bins);
  const { peaks } = rhythmPeaks(directo, bins);
  let max = 0;
  for (const v of directo) max = Math.max(max, v);
  const out = new Float32Array(frames * (bins + 1));
  for (let t = 0; t + 1 < frames; t++) {
    for (let k = 0; k < bins; k++) out[t * (bins + 1) + k] = max > 0 ? directo[t * bins + k]! / max : 0;
    out[t * (bins + 1) + bins] = peaks[t] ?? 0;
  }
  return out;
}

/** Model inputs for a batch of dataset items. */
export function batchInputs(spec: TaskSpec, items: Item[]): Record<string, ArrayInput> {
  const b = items.length;
  const stack = (arrays: Float32Array[], shape: number[]): ArrayInput => {
    const per = arrays[0]!.length;
    const data = new Float32Array(b * per);
    arrays.forEach((a, i) => data.set(a, i * per));
    return { data, shape: [b, ...shape] };
  };
  const T = spec.frames;
  const motionOf = (it: Item): Float32Array => normalize(Float32Array.from(it.motion!), spec.motion!);
  switch (spec.kind) {
    case "rhythm": {
      const rhythm = items.map((it) => rhythmInput(it.motion!, T));
      const target = items.map((it) => {
        const cols = it.music!.length / T;
        const out = new Float32Array(T);
        for (let t = 0; t < T; t++) out[t] = it.music![t * cols + spec.target!.column]!;
        return normalize(out, spec.target!);
      });
      return { rhythm: stack(rhythm, [T, rhythm[0]!.length / T]), target: stack(target, [T, 1]) };
    }
    case "genre":
      return {
        motion: stack(items.map(motionOf), [T, items[0]!.motion!.length / T]),
        label: stack(
          items.map((it) => it.genre!),
          [items[0]!.genre!.length],
        ),
      };
    case "cvae":
    case "cvae-mlp":
    case "edge": {
      const cond = items.map((it) =>
        normalize(
          concatFrames(
            spec.condTensors.map((n) => it[n]!),
            T,
          ),
          spec.cond!,
        ),
      );
      return {
        motion: stack(items.map(motionOf), [T, items[0]!.motion!.length / T]),
        cond: stack(cond, [T, cond[0]!.length / T]),
      };
    }
  }
}
