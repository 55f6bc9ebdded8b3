import { describe, expect, it } from "vitest";
import {
  covariance,
  fidFromFeatures,
  frechetDistance,
  normalizeByGroundTruth,
  traceSqrtProduct,
} from "./frechetDistance.js";
import { averagePairwiseDistance } from "./diversity.js";
import { symmetricEigen } from "./internal/symmetricEigen.js";
import type { EvalWarning } from "./warnings.js";
import { goldenGtFeatures, goldenPredFeatures, relErr } from "../test/goldenInputs.js";

describe("fidFromFeatures", () => {
  it("reproduces the metrics.md §14.1 golden FID", () => {
    // rtol 1e-6: the bar (float32 stages emulated; eigen trace vs scipy sqrtm differs ~1e-15).
    expect(
      relErr(fidFromFeatures(goldenPredFeatures(), goldenGtFeatures()), 0.5831273746278125),
    ).toBeLessThan(1e-6);
  });

  it("is ~0 for identical sets and symmetric in its float64 part", () => {
    const gt = goldenGtFeatures();
    expect(Math.abs(fidFromFeatures(gt, gt))).toBeLessThan(1e-6);
  });

  it("stays real and finite with a singular generated covariance (N_gen < dim)", () => {
    const gt = goldenGtFeatures();
    const pred = goldenPredFeatures().slice(0, 3);
    const fid = fidFromFeatures(pred, gt);
    expect(Number.isFinite(fid)).toBe(true);
  });

  it("returns NaN with a warning for fewer than 2 sequences or NaN features", () => {
    const warnings: EvalWarning[] = [];
    const warn = (w: EvalWarning): number => warnings.push(w);
    expect(fidFromFeatures(goldenPredFeatures().slice(0, 1), goldenGtFeatures(), { warn })).toBeNaN();
    const bad = goldenPredFeatures();
    bad[2]![3] = NaN;
    expect(fidFromFeatures(bad, goldenGtFeatures(), { warn })).toBeNaN();
    expect(warnings.map((w) => w.code)).toEqual(["too-few-sequences", "non-finite-input"]);
  });
});

describe("averagePairwiseDistance", () => {
  it("reproduces the metrics.md §14.1 golden Div_pred and Div_gt", () => {
    const { gt, pred } = normalizeByGroundTruth(goldenGtFeatures(), goldenPredFeatures());
    // rtol 1e-6: float32 sums in the reference order.
    expect(relErr(averagePairwiseDistance(pred), 3.004666566848755)).toBeLessThan(1e-6);
    expect(relErr(averagePairwiseDistance(gt), 3.3843088150024414)).toBeLessThan(1e-6);
  });

  it("returns NaN for a single sequence", () => {
    expect(averagePairwiseDistance([new Float32Array(3)])).toBeNaN();
  });
});

describe("symmetricEigen", () => {
  it("diagonalises a symmetric matrix (A v = λ v)", () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(i * 7 + j * 3) + (i === j ? 3 : 0);
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + k]!;
        expect(Math.abs(av - values[k]! * vectors[i * n + k]!)).toBeLessThan(1e-12);
      }
    }
  });

  it("gives tr sqrt(A A) = tr A for a PSD A", () => {
    const c = covariance(goldenGtFeatures());
    let tr = 0;
    for (let d = 0; d < 6; d++) tr += c[d * 6 + d]!;
    expect(relErr(traceSqrtProduct(c, c, 6), tr)).toBeLessThan(1e-12);
  });
});

describe("frechetDistance", () => {
  it("does not depend on the order of rows beyond float32 rounding", () => {
    const { gt, pred } = normalizeByGroundTruth(goldenGtFeatures(), goldenPredFeatures());
    expect(relErr(frechetDistance(pred, gt), frechetDistance([...pred].reverse(), gt))).toBeLessThan(1e-6);
  });
});
