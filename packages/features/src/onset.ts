/**
 * Onset strength and onset detection ported from librosa 0.11 (`onset.onset_strength`, `onset.onset_detect`):
 * spectral flux of the log-power mel spectrogram (lag, optional max filter over frequency), aggregated over bands
 * by mean or median, left-padded by lag + n_fft/(2·hop) zeros and trimmed to T frames (`center=True`).
 * Detection normalises the envelope to [0, 1] and calls `peakPick` with librosa's time-based defaults.
 * Backtracking to energy minima and multi-channel onsets are not ported.
 */
import { powerToDb } from "./db.js";
import { InvalidParameter } from "./errors.js";
import { melSpectrogram, type MelSpectrogramOptions } from "./mel.js";
import { peakPick } from "./peakPick.js";
import type { Spectrogram } from "./stft.js";

export interface OnsetStrengthOptions {
  readonly lag?: number;
  /** Max filter size over frequency for the reference (SuperFlux); 1 disables it. */
  readonly maxSize?: number;
  readonly aggregate?: "mean" | "median";
  readonly center?: boolean;
  /** Remove the DC with lfilter([1, −1], [1, −0.99]). */
  readonly detrend?: boolean;
  readonly hopLengthSamples?: number;
  readonly nFft?: number;
}

/** scipy `maximum_filter1d(S, size, axis=-2, mode="reflect")` over the rows of each frame. */
function maxFilterRows(s: Spectrogram, size: number): Float32Array {
  const { nBins: n, nFrames: t, data } = s;
  const out = new Float32Array(data.length);
  const before = Math.floor(size / 2);
  const reflect = (i: number): number => {
    // scipy "reflect" repeats the edge sample (d c b a | a b c d).
    const period = 2 * n;
    let j = ((i % period) + period) % period;
    if (j >= n) j = period - 1 - j;
    return j;
  };
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < t; j++) {
      let m = -Infinity;
      for (let q = r - before; q < r - before + size; q++) m = Math.max(m, data[reflect(q) * t + j]!);
      out[r * t + j] = m;
    }
  }
  return out;
}

/** Rearranges values[lo..hi] so that values[k] holds the k-th smallest (Hoare's quickselect). */
function select(values: Float32Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const tmp = values[i]!;
        values[i] = values[j]!;
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** median of values (reordered in place), numpy-style float32 mean of the two middle values for even counts. */
function medianF32(values: Float32Array): number {
  const n = values.length;
  const upper = n >> 1;
  select(values, upper, 0, n - 1);
  if (n % 2 === 1) return values[upper]!;
  // The lower middle value is the largest of the lower partition.
  let lower = -Infinity;
  for (let i = 0; i < upper; i++) if (values[i]! > lower) lower = values[i]!;
  return Math.fround(Math.fround(lower + values[upper]!) / 2);
}

/** librosa `onset_strength(S=db)` for a log-power [mel][frame] spectrogram: the envelope, float32, length T. */
export function onsetStrengthFromDb(db: Spectrogram, options: OnsetStrengthOptions = {}): Float32Array {
  const lag = options.lag ?? 1;
  const maxSize = options.maxSize ?? 1;
  const hop = options.hopLengthSamples ?? 512;
  const nFft = options.nFft ?? 2048;
  if (!Number.isInteger(lag) || lag < 1)
    throw new InvalidParameter("lag", `must be a positive integer, got ${lag}`);
  if (!Number.isInteger(maxSize) || maxSize < 1)
    throw new InvalidParameter("maxSize", `must be a positive integer, got ${maxSize}`);
  const { nBins: n, nFrames: t, data } = db;
  const ref = maxSize === 1 ? data : maxFilterRows(db, maxSize);
  const flux = Math.max(0, t - lag);
  const env = new Float32Array(flux);
  const column = new Float32Array(n);
  for (let j = 0; j < flux; j++) {
    let sum = 0;
    for (let r = 0; r < n; r++) {
      const d = Math.max(0, Math.fround(data[r * t + j + lag]! - ref[r * t + j]!));
      column[r] = d;
      sum += d;
    }
    env[j] = options.aggregate === "median" ? medianF32(column) : sum / n;
  }
  // parity: librosa left-pads lag + n_fft // (2·hop) zeros (center) and trims back to T frames.
  const center = options.center ?? true;
  const pad = lag + (center ? Math.floor(nFft / (2 * hop)) : 0);
  const padded = new Float32Array(pad + flux);
  padded.set(env, pad);
  if (options.detrend === true) {
    let prevIn = 0,
      prevOut = 0;
    for (let i = 0; i < padded.length; i++) {
      const x = padded[i]!;
      prevOut = x - prevIn + 0.99 * prevOut;
      prevIn = x;
      padded[i] = prevOut;
    }
  }
  return center ? padded.slice(0, t) : padded;
}

export interface OnsetOptions extends Omit<MelSpectrogramOptions, "power">, OnsetStrengthOptions {}

/** librosa `onset.onset_strength(y, sr, hop_length=512)` (mean aggregate; "median" is what beat_track uses). */
export function onsetStrength(y: Float32Array, options: OnsetOptions): Float32Array {
  return onsetStrengthFromDb(powerToDb(melSpectrogram(y, options)), options);
}

export interface OnsetDetectOptions {
  readonly sampleRateHz: number;
  readonly hopLengthSamples?: number;
  /** Normalise the envelope to [0, 1] first (default true). */
  readonly normalize?: boolean;
  readonly preMax?: number;
  readonly postMax?: number;
  readonly preAvg?: number;
  readonly postAvg?: number;
  readonly delta?: number;
  readonly wait?: number;
}

/** librosa `onset.onset_detect(onset_envelope=env, sr, hop_length=512)`: onset frame indices. */
export function onsetDetect(envelope: Float32Array, options: OnsetDetectOptions): Int32Array {
  const hop = options.hopLengthSamples ?? 512;
  const sr = options.sampleRateHz;
  let env = envelope;
  if (options.normalize ?? true) {
    let min = Infinity,
      max = -Infinity;
    for (const v of env) min = Math.min(min, v);
    const shifted = env.map((v) => Math.fround(v - min));
    for (const v of shifted) max = Math.max(max, v);
    // parity: e /= e.max() + tiny(float32), in float32.
    const denom = Math.fround(max + 1.1754943508222875e-38);
    env = shifted.map((v) => Math.fround(v / denom));
  }
  if (!env.some((v) => v !== 0)) return new Int32Array(0);
  // parity: librosa's defaults are float expressions `x * sr // hop`, ceil'ed to ints inside peak_pick.
  return peakPick(env, {
    preMax: options.preMax ?? Math.floor((0.03 * sr) / hop),
    postMax: options.postMax ?? Math.floor((0.0 * sr) / hop) + 1,
    preAvg: options.preAvg ?? Math.floor((0.1 * sr) / hop),
    postAvg: options.postAvg ?? Math.floor((0.1 * sr) / hop) + 1,
    wait: options.wait ?? Math.floor((0.03 * sr) / hop),
    delta: options.delta ?? 0.07,
  });
}
