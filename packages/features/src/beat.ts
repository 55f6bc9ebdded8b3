/**
 * Dynamic-programming beat tracker ported from librosa 0.11 `beat.beat_track` (Ellis 2007, the 0.10+ numba
 * re-implementation): tempo from the tempogram prior, onsets normalised by their std (ddof 1), a Gaussian local
 * score, the DP over predecessors in [i − 2·fpb, i − round(fpb/2)], the last beat picked from cumscore's local
 * maxima, backtracking and the trim of weak leading/trailing frames. Float64 like librosa's gufuncs.
 * Time-varying tempo, `units` other than frames and sparse=False are not ported.
 */
import { InvalidParameter } from "./errors.js";
import { estimateTempo, type TempoOptions } from "./tempogram.js";

export interface BeatTrackOptions extends TempoOptions {
  /** A known tempo; skips the estimate. */
  readonly bpm?: number;
  readonly tightness?: number;
  readonly trim?: boolean;
}

/** Beat frames, the tempo, and the tracker's intermediates (librosa's `beat_internals`). */
export interface BeatTrack {
  readonly tempoBpm: number;
  readonly beats: Int32Array;
  readonly framesPerBeat: number;
  readonly localScore: Float64Array;
  readonly cumScore: Float64Array;
  readonly backlink: Int32Array;
  readonly untrimmed: Int32Array;
  readonly trimThreshold: number;
}

/** numpy's round-half-to-even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}

const TINY_F32 = 1.1754943508222875e-38;

/** onsets / (std(ddof=1) + tiny), in float32 like librosa's `__normalize_onsets`. */
function normalizeOnsets(env: Float32Array): Float64Array {
  const n = env.length;
  let mean = 0;
  for (const v of env) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of env) ss += (v - mean) ** 2;
  const std = Math.fround(Math.fround(Math.sqrt(ss / (n - 1))) + TINY_F32);
  return Float64Array.from(env, (v) => Math.fround(v / std));
}

function localScore(onsets: Float64Array, fpb: number): Float64Array {
  const n = onsets.length;
  const k = 2 * fpb + 1;
  const window = new Float64Array(k);
  for (let j = 0; j < k; j++) window[j] = Math.exp(-0.5 * (((j - fpb) * 32.0) / fpb) ** 2);
  const half = Math.floor(k / 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    // parity: librosa's loop stops at k < i + K//2, so onsets[0] never contributes.
    for (let j = Math.max(0, i + half - n + 1); j < Math.min(i + half, k); j++)
      s += window[j]! * onsets[i + half - j]!;
    out[i] = s;
  }
  return out;
}

function dynamicProgram(
  score: Float64Array,
  fpb: number,
  tightness: number,
): { backlink: Int32Array; cum: Float64Array } {
  const n = score.length;
  const backlink = new Int32Array(n).fill(-1);
  const cum = new Float64Array(n);
  let maxScore = -Infinity;
  for (const v of score) maxScore = Math.max(maxScore, v);
  const threshold = 0.01 * maxScore;
  const logFpb = Math.log(fpb);
  const nearest = roundHalfEven(fpb / 2);
  let firstBeat = true;
  for (let i = 0; i < n; i++) {
    let best = -Infinity,
      location = -1;
    for (let loc = i - nearest; loc > i - 2 * fpb - 1; loc--) {
      if (loc < 0) break;
      const s = cum[loc]! - tightness * (Math.log(i - loc) - logFpb) ** 2;
      if (s > best) {
        best = s;
        location = loc;
      }
    }
    cum[i] = location >= 0 ? score[i]! + best : score[i]!;
    if (firstBeat && score[i]! < threshold) backlink[i] = -1;
    else {
      backlink[i] = location;
      firstBeat = false;
    }
  }
  return { backlink, cum };
}

function lastBeat(cum: Float64Array): number {
  const n = cum.length;
  const isMax = (i: number): boolean =>
    i > 0 && (i === n - 1 ? cum[i]! > cum[i - 1]! : cum[i]! > cum[i - 1]! && cum[i]! >= cum[i + 1]!);
  const maxima: number[] = [];
  for (let i = 0; i < n; i++) if (isMax(i)) maxima.push(cum[i]!);
  maxima.sort((a, b) => a - b);
  const m = maxima.length;
  const median =
    m === 0 ? NaN : m % 2 === 1 ? maxima[(m - 1) / 2]! : (maxima[m / 2 - 1]! + maxima[m / 2]!) / 2;
  const threshold = 0.5 * median;
  for (let i = n - 1; i >= 0; i--) if (isMax(i) && cum[i]! >= threshold) return i;
  return n - 1;
}

function trimBeats(
  score: Float64Array,
  beats: Int32Array,
  trim: boolean,
): { beats: Int32Array; threshold: number } {
  let threshold = 0;
  if (trim) {
    // parity: np.convolve(localscore[beats], hanning(5))[2 : len(localscore) + 2] is the *full* convolution minus
    // its first two samples (n_beats + 2 values), not 'same' mode.
    const w = [0, 0.5, 1, 0.5, 0];
    const values = Array.from(beats, (b) => score[b]!);
    const full = new Float64Array(values.length + 4);
    for (let i = 0; i < values.length; i++) for (let j = 0; j < 5; j++) full[i + j]! += values[i]! * w[j]!;
    const sm = full.subarray(2, Math.min(full.length, score.length + 2));
    let ss = 0;
    for (const v of sm) ss += v * v;
    threshold = 0.5 * Math.sqrt(ss / sm.length);
  }
  const n = score.length;
  let lo = 0;
  while (lo < n && score[lo]! <= threshold) lo++;
  let hi = n - 1;
  while (hi >= 0 && score[hi]! <= threshold) hi--;
  return { beats: beats.filter((b) => b >= lo && b <= hi), threshold };
}

/** librosa `beat.beat_track(onset_envelope=env, sr, hop_length=512, start_bpm=120, tightness=100, trim=True)`. */
export function beatTrack(envelope: Float32Array, options: BeatTrackOptions): BeatTrack {
  const hop = options.hopLengthSamples ?? 512;
  const tightness = Math.fround(options.tightness ?? 100);
  if (tightness <= 0) throw new InvalidParameter("tightness", `must be strictly positive, got ${tightness}`);
  const empty = new Int32Array(0);
  if (!envelope.some((v) => v !== 0)) {
    // parity: librosa returns tempo 0.0 and no beats when the envelope is all zeros.
    return {
      tempoBpm: 0,
      beats: empty,
      framesPerBeat: 0,
      localScore: new Float64Array(envelope.length),
      cumScore: new Float64Array(envelope.length),
      backlink: new Int32Array(envelope.length).fill(-1),
      untrimmed: empty,
      trimThreshold: 0,
    };
  }
  const bpm = options.bpm ?? estimateTempo(envelope, options).bpm;
  if (!(bpm > 0)) throw new InvalidParameter("bpm", `must be strictly positive, got ${bpm}`);
  const fpb = roundHalfEven(((options.sampleRateHz / hop) * 60) / bpm);
  const score = localScore(normalizeOnsets(envelope), fpb);
  const { backlink, cum } = dynamicProgram(score, fpb, tightness);
  const picked: number[] = [];
  for (let i = lastBeat(cum); i >= 0; i = backlink[i]!) picked.push(i);
  const untrimmed = Int32Array.from(picked.reverse());
  const { beats, threshold } = trimBeats(score, untrimmed, options.trim ?? true);
  return {
    tempoBpm: bpm,
    beats,
    framesPerBeat: fpb,
    localScore: score,
    cumScore: cum,
    backlink,
    untrimmed,
    trimThreshold: threshold,
  };
}
