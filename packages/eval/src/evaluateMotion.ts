/**
 * Set-level motion evaluation in Bailando's protocol (metrics.md §1, §4, §5): features from root-normalised
 * joints (predictions cropped to 1,200 frames, ground truth at full length), FID/Div on features normalised
 * by the ground truth, BAS per sequence on the full prediction, PFC (EDGE) per sequence. Set values of
 * per-sequence metrics are means over the sequences where they are defined; undefined ones are NaN in
 * `perSequence` and reported through `warn`. Reading files is `loadMotion.ts`; printing is the caller's.
 */
import { basBailando, basFact } from "./beatAlign.js";
import { averagePairwiseDistance } from "./diversity.js";
import { frechetDistance, normalizeByGroundTruth } from "./frechetDistance.js";
import { footContactScore, samplePfcFiles } from "./footContact.js";
import { geometricFeatures } from "./geometricFeatures.js";
import { cropFrames, subtractInitialRoot } from "./jointSequence.js";
import { kineticFeatures } from "./kineticFeatures.js";
import type { NamedMotion } from "./loadMotion.js";
import { beatsFor, type MusicBeatSource } from "./musicBeats.js";
import { EvaluateMotionOptions, type MotionMetric } from "./schema.js";
import { ignoreWarnings, type WarnFn } from "./warnings.js";
import { EvalInputMissing, InvalidMetricOption } from "./errors.js";

export interface MotionEvaluation {
  /** Set-level values by metric name (NaN when undefined). */
  readonly metrics: Partial<Record<MotionMetric, number>>;
  /** Per-sequence values of BAS and PFC, by prediction name. */
  readonly perSequence: Record<string, Partial<Record<MotionMetric, number>>>;
}

export interface EvaluateMotionInput {
  readonly pred: readonly NamedMotion[];
  /** Needed by FID/Div. */
  readonly gt?: readonly NamedMotion[];
  /** Needed by BAS. */
  readonly musicBeats?: MusicBeatSource;
  readonly options?: EvaluateMotionOptions;
  readonly warn?: WarnFn;
}

function mean(values: readonly number[]): number {
  const finite = values.filter((v) => !Number.isNaN(v));
  return finite.length === 0 ? NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** Computes the requested metrics over a prediction set (and a ground-truth set for FID/Div). */
export function evaluateMotion(input: EvaluateMotionInput): MotionEvaluation {
  const o = EvaluateMotionOptions.parse(input.options ?? {});
  // Means over no sequences would be NaN metrics, printed as if they were results.
  if (input.pred.length === 0) throw new EvalInputMissing("pred", "no predicted sequences to evaluate");
  const warn = input.warn ?? ignoreWarnings;
  const want = new Set(o.metrics);
  const metrics: Partial<Record<MotionMetric, number>> = {};
  const perSequence: Record<string, Partial<Record<MotionMetric, number>>> = {};
  for (const p of input.pred) perSequence[p.name] = {};

  for (const metric of ["bas-bailando", "bas-fact"] as const) {
    if (!want.has(metric)) continue;
    if (input.musicBeats === undefined)
      throw new InvalidMetricOption("musicBeats", `${metric} needs music beats (--music-beats)`);
    const scores = input.pred.map((p) => {
      const beats = beatsFor(input.musicBeats!, p.name) ?? [];
      const w: WarnFn = (x) => warn({ ...x, message: `${p.name}: ${x.message}` });
      const r =
        metric === "bas-bailando"
          ? basBailando(p.motion, beats, { fps: o.fps, warn: w })
          : basFact(p.motion, beats, { fps: o.fps, seedFrames: o.seedFrames, warn: w });
      perSequence[p.name]![metric] = r.score;
      return r.score;
    });
    metrics[metric] = mean(scores);
  }

  const featureMetrics = ["fid-k", "fid-g", "div-k", "div-g", "div-k-gt", "div-g-gt"] as const;
  if (featureMetrics.some((m) => want.has(m))) {
    if (input.gt === undefined || input.gt.length === 0)
      throw new InvalidMetricOption("gt", "FID and Div need a ground-truth set (--gt)");
    const crop = (p: NamedMotion): NamedMotion["motion"] =>
      o.cropFrames > 0 ? cropFrames(p.motion, o.cropFrames) : p.motion;
    const predSeqs = input.pred.map((p) => subtractInitialRoot(crop(p)));
    const gtSeqs = input.gt.map((g) => subtractInitialRoot(g.motion));
    const kin = { mode: o.featureMode, frameTimeSec: 1 / o.fps, warn } as const;
    const geo = { mode: o.featureMode, fps: o.fps, warn } as const;
    const sets = {
      k: () =>
        normalizeByGroundTruth(
          gtSeqs.map((s) => kineticFeatures(s, kin)),
          predSeqs.map((s) => kineticFeatures(s, kin)),
        ),
      g: () =>
        normalizeByGroundTruth(
          gtSeqs.map((s) => geometricFeatures(s, geo)),
          predSeqs.map((s) => geometricFeatures(s, geo)),
        ),
    };
    for (const kind of ["k", "g"] as const) {
      const names = [`fid-${kind}`, `div-${kind}`, `div-${kind}-gt`] as const;
      if (!names.some((m) => want.has(m))) continue;
      const f = sets[kind]();
      if (want.has(names[0])) metrics[names[0]] = frechetDistance(f.pred, f.gt, { warn, metric: names[0] });
      if (want.has(names[1])) metrics[names[1]] = averagePairwiseDistance(f.pred, { warn, metric: names[1] });
      if (want.has(names[2])) metrics[names[2]] = averagePairwiseDistance(f.gt, { warn, metric: names[2] });
    }
  }

  if (want.has("pfc")) {
    const sample = samplePfcFiles(input.pred, { seed: o.pfcSeed });
    if (sample.length < input.pred.length) {
      warn({
        metric: "pfc",
        code: "sampled-files",
        message: `PFC over a seeded sample of ${sample.length} of ${input.pred.length} sequences`,
      });
    }
    const scores = sample.map((p) => {
      const s = footContactScore(p.motion, {
        upAxis: o.pfcUpAxis,
        warn: (x) => warn({ ...x, message: `${p.name}: ${x.message}` }),
      });
      perSequence[p.name]!.pfc = s * 10000;
      return s;
    });
    metrics.pfc = mean(scores) * 10000;
  }
  return { metrics, perSequence };
}
