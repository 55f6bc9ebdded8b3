/**
 * Mel scale, mel filter bank and mel spectrogram, ported from librosa 0.11 (`hz_to_mel`, `mel_to_hz`,
 * `mel_frequencies`, `filters.mel`, `feature.melspectrogram`). Slaney scale and Slaney area normalisation by
 * default, HTK scale as an option. Weights are computed in float64 and stored as float32 like librosa, once per
 * parameter set (cached); the mel spectrogram projects each frame's power spectrum as it comes out of the STFT,
 * accumulating in float64 and rounding once. It does not do the inverse (mel → STFT).
 */
import { InvalidParameter } from "./errors.js";
import { forEachPowerFrame, frameCount, type Spectrogram, type StftOptions } from "./stft.js";

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

/** Hz → mel (Slaney by default, HTK with `htk`). */
export function hzToMel(hz: number, htk = false): number {
  if (htk) return 2595 * Math.log10(1 + hz / 700);
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/** mel → Hz (Slaney by default, HTK with `htk`). */
export function melToHz(mel: number, htk = false): number {
  if (htk) return 700 * (10 ** (mel / 2595) - 1);
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/** numpy `linspace(start, stop, n)` with its rounding: start + k·step, the last point exactly `stop`. */
export function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = n > 1 ? (stop - start) / (n - 1) : 0;
  for (let k = 0; k < n; k++) out[k] = start + k * step;
  if (n > 1) out[n - 1] = stop;
  return out;
}

export interface MelOptions {
  readonly nMels?: number;
  readonly fminHz?: number;
  /** Default sampleRateHz / 2. */
  readonly fmaxHz?: number;
  readonly htk?: boolean;
  /** "slaney" area normalisation (default) or none. */
  readonly norm?: "slaney" | null;
}

/** A mel filter bank: `weights[m * nBins + k]` (librosa's (n_mels, 1 + n_fft/2) float32), plus non-zero ranges. */
export interface MelFilterBank {
  readonly weights: Float32Array;
  readonly nMels: number;
  readonly nBins: number;
  /** First and one-past-last non-zero bin of each band, for sparse projection. */
  readonly ranges: Int32Array;
}

const bankCache = new Map<string, MelFilterBank>();

/** librosa `filters.mel(sr, n_fft, n_mels=128, fmin=0, fmax=sr/2, htk=False, norm="slaney")` (cached; do not mutate). */
export function melFilterBank(sampleRateHz: number, nFft: number, options: MelOptions = {}): MelFilterBank {
  const key = [
    sampleRateHz,
    nFft,
    options.nMels,
    options.fminHz,
    options.fmaxHz,
    options.htk,
    options.norm,
  ].join();
  let bank = bankCache.get(key);
  if (bank === undefined) {
    bank = buildMelFilterBank(sampleRateHz, nFft, options);
    bankCache.set(key, bank);
  }
  return bank;
}

function buildMelFilterBank(sampleRateHz: number, nFft: number, options: MelOptions): MelFilterBank {
  const nMels = options.nMels ?? 128;
  const htk = options.htk ?? false;
  const fmax = options.fmaxHz ?? sampleRateHz / 2;
  const nBins = 1 + Math.floor(nFft / 2);
  if (nMels < 1) throw new InvalidParameter("nMels", `must be positive, got ${nMels}`);
  const fftFreqs = linspace(0, sampleRateHz / 2, nBins);
  const melPoints = linspace(hzToMel(options.fminHz ?? 0, htk), hzToMel(fmax, htk), nMels + 2);
  const melF = melPoints.map((m) => melToHz(m, htk));
  const weights = new Float32Array(nMels * nBins);
  const ranges = new Int32Array(2 * nMels);
  for (let m = 0; m < nMels; m++) {
    const lowDiff = melF[m + 1]! - melF[m]!;
    const highDiff = melF[m + 2]! - melF[m + 1]!;
    const enorm = options.norm === null ? 1 : 2 / (melF[m + 2]! - melF[m]!);
    let first = nBins,
      last = 0;
    for (let k = 0; k < nBins; k++) {
      const lower = -(melF[m]! - fftFreqs[k]!) / lowDiff;
      const upper = (melF[m + 2]! - fftFreqs[k]!) / highDiff;
      // parity: librosa stores the triangle in float32 first, then scales it by the float64 norm in place.
      const w = Math.fround(Math.max(0, Math.min(lower, upper)));
      if (w === 0) continue;
      weights[m * nBins + k] = Math.fround(w * enorm);
      first = Math.min(first, k);
      last = k + 1;
    }
    ranges[2 * m] = first;
    ranges[2 * m + 1] = Math.max(first, last);
  }
  return { weights, nMels, nBins, ranges };
}

/** Projects a [bin][frame] spectrogram onto the filter bank: [mel][frame], float64 accumulation, float32 out. */
export function applyMelFilterBank(spec: Spectrogram, bank: MelFilterBank): Spectrogram {
  if (spec.nBins !== bank.nBins)
    throw new InvalidParameter("spectrogram", `has ${spec.nBins} bins, filter bank ${bank.nBins}`);
  const t = spec.nFrames;
  const out = new Float32Array(bank.nMels * t);
  const acc = new Float64Array(t);
  for (let m = 0; m < bank.nMels; m++) {
    acc.fill(0);
    for (let k = bank.ranges[2 * m]!; k < bank.ranges[2 * m + 1]!; k++) {
      const w = bank.weights[m * bank.nBins + k]!;
      if (w === 0) continue;
      const row = k * t;
      for (let j = 0; j < t; j++) acc[j]! += w * spec.data[row + j]!;
    }
    for (let j = 0; j < t; j++) out[m * t + j] = acc[j]!;
  }
  return { data: out, nBins: bank.nMels, nFrames: t };
}

export interface MelSpectrogramOptions extends StftOptions, MelOptions {
  readonly sampleRateHz: number;
  /** Exponent of |STFT|; default 2 (power). */
  readonly power?: number;
}

/** librosa `feature.melspectrogram(y, sr, n_fft=2048, hop_length=512, power=2, n_mels=128)`: [mel][frame] float32. */
export function melSpectrogram(y: Float32Array, options: MelSpectrogramOptions): Spectrogram {
  const nFft = options.nFft ?? 2048;
  const power = options.power ?? 2;
  const bank = melFilterBank(options.sampleRateHz, nFft, options);
  const { nMels } = bank;
  const t = frameCount(
    y.length,
    nFft,
    options.hopLengthSamples ?? Math.floor(nFft / 4),
    options.center ?? true,
  );
  const out = new Float32Array(nMels * Math.max(t, 0));
  forEachPowerFrame(y, options, power, (j, frame) => projectFrame(frame, bank, out, j, t));
  return { data: out, nBins: nMels, nFrames: t };
}

/** out[m][j] = Σ_k w[m][k]·frame[k] over each band's non-zero range (float64 sum, float32 store). */
function projectFrame(
  frame: Float32Array,
  bank: MelFilterBank,
  out: Float32Array,
  j: number,
  nFrames: number,
): void {
  const { nMels, nBins, weights, ranges } = bank;
  for (let m = 0; m < nMels; m++) {
    const end = ranges[2 * m + 1]!;
    let acc = 0;
    for (let k = ranges[2 * m]!, w = m * nBins + k; k < end; k++, w++) acc += weights[w]! * frame[k]!;
    out[m * nFrames + j] = acc;
  }
}
