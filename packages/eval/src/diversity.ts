/**
 * Diversity (Div_k, Div_g; "Dist" in FACT/EDGE): the mean Euclidean distance over all unordered pairs of
 * feature vectors, Bailando `utils/metrics_new.py::calculate_avg_distance` (@cc90b98, identical in mint PR #41).
 * Float32 norms summed in float32 in the reference's i < j order (numpy 2 promotes `0 + float32` to float32).
 * Apply it to features already normalised by the ground truth (`normalizeByGroundTruth`).
 */
import type { FeatureRows } from "./frechetDistance.js";
import { ignoreWarnings, type WarnFn } from "./warnings.js";

/** Mean pairwise distance; NaN with a warning for fewer than 2 rows. */
export function averagePairwiseDistance(
  rows: FeatureRows,
  options: { warn?: WarnFn; metric?: string } = {},
): number {
  const n = rows.length;
  if (n < 2) {
    (options.warn ?? ignoreWarnings)({
      metric: options.metric ?? "div",
      code: "too-few-sequences",
      message: `needs ≥ 2 sequences, got ${n}`,
    });
    return NaN;
  }
  let dist = 0;
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = rows[j]!;
      let s = 0;
      for (let d = 0; d < a.length; d++) {
        const x = Math.fround(a[d]! - b[d]!);
        s = Math.fround(s + Math.fround(x * x));
      }
      dist = Math.fround(dist + Math.fround(Math.sqrt(s)));
    }
  }
  return Math.fround(dist / ((n * n - n) / 2));
}
