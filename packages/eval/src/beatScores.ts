/**
 * Beat coverage / hit scores for dance-to-music (metrics.md §9), three named definitions:
 * - `d2m-gan` (Zhu et al., D2M-GAN/CDCD `beat_detect`/`beat_scores`): 1 s bins, BCS = n_syn / n_gt (can
 *   exceed 1), BHS = hits / n_gt; onsets with wait 1, delta 0.2, pre/post_avg 1, post_max 1.
 * - `loris` (OpenGVLab/LORIS `beats_scores.py` @b5bef7d): 1 s bins, BCS = hits / n_syn (precision),
 *   BHS = hits / n_gt (recall); onsets with wait 1, delta 0.2, pre/post_avg 3, pre/post_max 3.
 * - `loris-5hz` (the Sifei Li et al. variant, UNCONFIRMED from the paper): LORIS with 0.2 s bins.
 * Onsets come from `@choreo/features` (`onsetStrength` + `onsetDetect`, librosa 0.11 parity) at 22050 Hz
 * (librosa.load's default rate; other rates are resampled). Tempo difference and FAD are not ported.
 */
import { onsetDetect, onsetStrength, resample } from "@choreo/features";
import { ignoreWarnings, type WarnFn } from "./warnings.js";

export type BeatScoreVariant = "d2m-gan" | "loris" | "loris-5hz";

interface VariantSpec {
  readonly resolutionHz: number;
  readonly coverage: "ratio" | "precision";
  readonly onset: {
    wait: number;
    delta: number;
    preAvg: number;
    postAvg: number;
    postMax: number;
    preMax?: number;
  };
}

const VARIANTS: Record<BeatScoreVariant, VariantSpec> = {
  "d2m-gan": {
    resolutionHz: 1,
    coverage: "ratio",
    onset: { wait: 1, delta: 0.2, preAvg: 1, postAvg: 1, postMax: 1 },
  },
  loris: {
    resolutionHz: 1,
    coverage: "precision",
    onset: { wait: 1, delta: 0.2, preAvg: 3, postAvg: 3, preMax: 3, postMax: 3 },
  },
  "loris-5hz": {
    resolutionHz: 5,
    coverage: "precision",
    onset: { wait: 1, delta: 0.2, preAvg: 3, postAvg: 3, preMax: 3, postMax: 3 },
  },
};

const LOAD_RATE_HZ = 22050;
const HOP = 512;

/** Onset times in seconds of mono PCM, with the variant's peak-picking parameters (librosa units='time'). */
export function beatOnsetTimes(pcm: Float32Array, sampleRateHz: number, variant: BeatScoreVariant): number[] {
  const y =
    sampleRateHz === LOAD_RATE_HZ
      ? pcm
      : resample(pcm, { origSampleRateHz: sampleRateHz, targetSampleRateHz: LOAD_RATE_HZ });
  const env = onsetStrength(y, { sampleRateHz: LOAD_RATE_HZ });
  const frames = onsetDetect(env, { sampleRateHz: LOAD_RATE_HZ, ...VARIANTS[variant].onset });
  return Array.from(frames, (f) => (f * HOP) / LOAD_RATE_HZ);
}

/** Beat bins: ⌈duration·res⌉ zeros with 1 at ⌊t·res⌋ for each onset time t. */
export function beatBins(
  onsetTimesSec: readonly number[],
  durationSec: number,
  resolutionHz: number,
): Uint8Array {
  const bins = new Uint8Array(Math.ceil(durationSec * resolutionHz));
  for (const t of onsetTimesSec) {
    const i = Math.trunc(t * resolutionHz);
    if (i >= 0 && i < bins.length) bins[i] = 1;
  }
  return bins;
}

/** The bin rate of a variant (1 Hz or 5 Hz). */
export function beatScoreResolutionHz(variant: BeatScoreVariant): number {
  return VARIANTS[variant].resolutionHz;
}

export interface BeatScores {
  /** BCS: n_syn / n_gt (d2m-gan) or hits / n_syn (loris). */
  readonly coverage: number;
  /** BHS: hits / n_gt. */
  readonly hit: number;
  /** 2·C·H / (C + H) of this pair (0 when both are 0). */
  readonly f1: number;
}

/** Scores of one generated/ground-truth pair of beat bins (both cut to the shorter length). */
export function beatScores(
  gt: ArrayLike<number>,
  syn: ArrayLike<number>,
  variant: BeatScoreVariant,
  warn: WarnFn = ignoreWarnings,
): BeatScores {
  const n = Math.min(gt.length, syn.length);
  let nGt = 0,
    nSyn = 0,
    hits = 0;
  for (let i = 0; i < n; i++) {
    if (gt[i]) nGt++;
    if (syn[i]) nSyn++;
    if (gt[i] && syn[i]) hits++;
  }
  if (nGt === 0)
    warn({
      metric: `beat-${variant}`,
      code: "no-music-beats",
      message: "the ground-truth music has no onset",
    });
  let coverage: number;
  if (VARIANTS[variant].coverage === "ratio") coverage = nGt === 0 ? NaN : nSyn / nGt;
  else coverage = nSyn === 0 ? 0 : hits / nSyn;
  const hit = nGt === 0 ? (variant === "d2m-gan" ? NaN : 0) : hits / nGt;
  const f1 = coverage + hit === 0 ? 0 : (2 * coverage * hit) / (coverage + hit);
  return { coverage, hit, f1 };
}

/** Set-level scores: means of coverage, hit and per-pair F1, and LORIS's F1 from the means. */
export function meanBeatScores(pairs: readonly BeatScores[]): BeatScores & { f1OfMeans: number } {
  const mean = (f: (s: BeatScores) => number): number => {
    const v = pairs.map(f).filter((x) => !Number.isNaN(x));
    return v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length;
  };
  const coverage = mean((s) => s.coverage);
  const hit = mean((s) => s.hit);
  return {
    coverage,
    hit,
    f1: mean((s) => s.f1),
    f1OfMeans: coverage + hit === 0 ? 0 : (2 * coverage * hit) / (coverage + hit),
  };
}
