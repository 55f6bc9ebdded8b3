// The inputs of metrics.md §14.1, built exactly as stated there (float32 where the reference is float32).
import { createJointSequence, type JointSequence } from "../src/jointSequence.js";

/** T = 120: P[t][j][c] = fround(0.3·sin(0.07·(t+1)·(j+1)/4 + c) + 0.05·j·(c−1) + (c==0 ? 0.002·t : 0)). */
export function goldenMotion(frames = 120): JointSequence {
  const data = new Float32Array(frames * 72);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < 24; j++) {
      for (let c = 0; c < 3; c++) {
        data[(t * 24 + j) * 3 + c] =
          0.3 * Math.sin((0.07 * (t + 1) * (j + 1)) / 4 + c) + 0.05 * j * (c - 1) + (c === 0 ? 0.002 * t : 0);
      }
    }
  }
  return createJointSequence(data);
}

export const goldenMusicBeats = [10, 30, 50, 70, 90, 110];

/** gt[i][d] = fround(sin(0.3·i·(d+1)) + 0.1·d), 50 × 6. */
export function goldenGtFeatures(): Float32Array[] {
  return Array.from({ length: 50 }, (_, i) =>
    Float32Array.from({ length: 6 }, (_, d) => Math.sin(0.3 * i * (d + 1)) + 0.1 * d),
  );
}

/** pred[k][d] = fround(cos(0.5·k·(d+2))·0.8 + 0.2), 10 × 6. */
export function goldenPredFeatures(): Float32Array[] {
  return Array.from({ length: 10 }, (_, k) =>
    Float32Array.from({ length: 6 }, (_, d) => Math.cos(0.5 * k * (d + 2)) * 0.8 + 0.2),
  );
}

/** |a − b| / |b|. */
export function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
