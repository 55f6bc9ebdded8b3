/**
 * How much a motion moves, per column: the mean squared frame-to-frame difference ("energy"), and its mean
 * over columns ("jitter"). Comparing a sample's with the data's shows a model that shakes (high jitter), moves
 * columns the data keeps still, or freezes. Plain arrays in, numbers (and the lines `choreo sample` prints) out;
 * no TF.js.
 */
import { createBatchStream } from "./batchStream.js";
import { openDataset, type Dataset } from "./dataset.js";

/** Per-column mean of (x[t+1] − x[t])² over a [frames, dims] motion. */
export function motionEnergy(motion: Float32Array, dims: number): Float64Array {
  const frames = motion.length / dims;
  const out = new Float64Array(dims);
  if (frames < 2) return out;
  for (let t = 1; t < frames; t++) {
    for (let c = 0; c < dims; c++) out[c]! += (motion[t * dims + c]! - motion[(t - 1) * dims + c]!) ** 2;
  }
  for (let c = 0; c < dims; c++) out[c]! /= frames - 1;
  return out;
}

/** The mean of the per-column energies. */
export function jitterOf(energy: Float64Array): number {
  return energy.reduce((a, b) => a + b, 0) / Math.max(1, energy.length);
}

/** The mean per-column energy of the motion of the first `maxItems` items of a split. */
export function datasetMotionEnergy(
  dataset: Dataset,
  options: { split?: string; maxItems?: number } = {},
): Float64Array {
  const split = options.split ?? "train";
  const n = Math.min(dataset.items[split] ?? 0, options.maxItems ?? 256);
  const dims = dataset.shapes.motion?.[1] ?? 0;
  const out = new Float64Array(dims);
  if (n === 0) return out;
  for (const item of createBatchStream(dataset, { split, batchSize: n, seed: 0, shuffle: false }).next()) {
    const e = motionEnergy(item.motion!, dims);
    for (let c = 0; c < dims; c++) out[c]! += e[c]! / n;
  }
  return out;
}

export interface EnergyComparison {
  /** The sample's jitter over the data's. */
  readonly jitterRatio: number;
  /** Columns whose energy is above 1% of the data's most moving column: in the sample, in the data. */
  readonly movingColumns: { readonly sample: number; readonly data: number };
  /** Per column, the sample's energy over the data's (Infinity where the data is still and the sample is not). */
  readonly columnRatios: Float64Array;
}

/** Compares a sample's per-column energy with the data's. */
export function compareMotionEnergy(sample: Float64Array, data: Float64Array): EnergyComparison {
  const threshold = 0.01 * Math.max(...data);
  const moving = (e: Float64Array): number => e.filter((v) => v > threshold).length;
  const columnRatios = sample.map((v, c) => (data[c]! > 0 ? v / data[c]! : v > 0 ? Infinity : 1));
  return {
    jitterRatio: jitterOf(sample) / Math.max(1e-30, jitterOf(data)),
    movingColumns: { sample: moving(sample), data: moving(data) },
    columnRatios,
  };
}

const shownColumns = 8;

/**
 * Lines comparing a sample's per-column energy with the data's: the jitter ratio, the moving columns, and
 * the columns whose energy is furthest from the data's (sample/data, ∞ where the data keeps it still).
 */
export function describeMotionEnergy(
  sample: Float64Array,
  data: Float64Array,
  columns: readonly string[] = [],
): string {
  const c = compareMotionEnergy(sample, data);
  const threshold = 0.01 * Math.max(...data);
  const off = (r: number): number => (r === Infinity ? Infinity : Math.abs(Math.log(Math.max(r, 1e-12))));
  const moving = [...c.columnRatios.keys()].filter((i) => sample[i]! > threshold || data[i]! > threshold);
  const worst = moving
    .sort((a, b) => off(c.columnRatios[b]!) - off(c.columnRatios[a]!))
    .slice(0, shownColumns);
  const ratio = (r: number): string => (r === Infinity ? "∞" : r < 0.01 ? r.toExponential(1) : r.toFixed(2));
  const listed = worst.map((i) => `${columns[i] ?? `#${i}`} ${ratio(c.columnRatios[i]!)}×`).join(", ");
  const more = moving.length > worst.length ? `, … (${moving.length - worst.length} more)` : "";
  return [
    `motion energy (mean squared frame-to-frame change) against the data's: jitter ${ratio(c.jitterRatio)}×, ` +
      `${c.movingColumns.sample} moving columns (the data: ${c.movingColumns.data})`,
    ...(moving.length > 0 ? [`  per column, sample/data, furthest first: ${listed}${more}`] : []),
  ].join("\n");
}

/** `describeMotionEnergy` of a sampled motion [frames, motionDims] against the train split of a dataset folder. */
export function describeSampleEnergy(
  sampled: { readonly motion: Float32Array; readonly motionDims: number },
  datasetDir: string,
): string {
  const dataset = openDataset(datasetDir);
  const sample = motionEnergy(sampled.motion, sampled.motionDims);
  return describeMotionEnergy(sample, datasetMotionEnergy(dataset), dataset.columns.motion);
}
