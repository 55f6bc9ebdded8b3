/**
 * MFCC ported from librosa 0.11 `feature.mfcc`: power_to_db(melspectrogram) with ref=1.0 and top_db=80, then an
 * orthonormal DCT-II over the mel axis (`scipy.fft.dct(type=2, norm="ortho")`), first `nMfcc` rows, optional
 * liftering. The DCT is a dense float64 matrix product (n_mfcc × n_mels is small). Other DCT types are not ported.
 */
import { powerToDb } from "./db.js";
import { InvalidParameter } from "./errors.js";
import { melSpectrogram, type MelSpectrogramOptions } from "./mel.js";
import type { Spectrogram } from "./stft.js";

export interface MfccOptions extends MelSpectrogramOptions {
  /** Default 20. */
  readonly nMfcc?: number;
  /** Sinusoidal liftering coefficient; 0 (default) disables it. */
  readonly lifter?: number;
}

/** Orthonormal DCT-II basis rows 0..nOut−1 over n inputs: `basis[k * n + i]`. */
function dctBasis(n: number, nOut: number): Float64Array {
  const basis = new Float64Array(nOut * n);
  for (let k = 0; k < nOut; k++) {
    const scale = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
    for (let i = 0; i < n; i++) basis[k * n + i] = scale * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
  }
  return basis;
}

const BLOCK_FRAMES = 256;

/**
 * acc[j] = Σ_i basis[k][i]·data[i][t0 + j] for j < len, four frames per pass over the bands so that each basis
 * value is loaded once for four products (each sum still runs over the bands in order).
 */
function dctBlock(
  data: Float32Array,
  basis: Float64Array,
  k: number,
  n: number,
  nFrames: number,
  t0: number,
  len: number,
  acc: Float64Array,
): void {
  let j = 0;
  for (; j + 4 <= len; j += 4) {
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0;
    for (let i = 0, at = t0 + j; i < n; i++, at += nFrames) {
      const w = basis[k * n + i]!;
      a0 += w * data[at]!;
      a1 += w * data[at + 1]!;
      a2 += w * data[at + 2]!;
      a3 += w * data[at + 3]!;
    }
    acc[j] = a0;
    acc[j + 1] = a1;
    acc[j + 2] = a2;
    acc[j + 3] = a3;
  }
  for (; j < len; j++) {
    let a = 0;
    for (let i = 0, at = t0 + j; i < n; i++, at += nFrames) a += basis[k * n + i]! * data[at]!;
    acc[j] = a;
  }
}

/** MFCC of a log-power [mel][frame] spectrogram (librosa `mfcc(S=...)`): [coefficient][frame] float32. */
export function mfccFromDb(db: Spectrogram, options: { nMfcc?: number; lifter?: number } = {}): Spectrogram {
  const nMfcc = options.nMfcc ?? 20;
  const lifter = options.lifter ?? 0;
  const n = db.nBins;
  const t = db.nFrames;
  if (nMfcc < 1 || nMfcc > n) throw new InvalidParameter("nMfcc", `must be in [1, ${n}], got ${nMfcc}`);
  if (lifter < 0) throw new InvalidParameter("lifter", `must be non-negative, got ${lifter}`);
  const basis = dctBasis(n, nMfcc);
  const out = new Float32Array(nMfcc * t);
  const acc = new Float64Array(BLOCK_FRAMES);
  // Blocks of frames keep the accumulator and the block of rows in cache; each sum still runs over the mel
  // bands in order, as the unblocked product did.
  for (let t0 = 0; t0 < t; t0 += BLOCK_FRAMES) {
    const len = Math.min(BLOCK_FRAMES, t - t0);
    for (let k = 0; k < nMfcc; k++) {
      const lift = lifter > 0 ? 1 + (lifter / 2) * Math.sin((Math.PI * (k + 1)) / lifter) : 1;
      dctBlock(db.data, basis, k, n, t, t0, len, acc);
      for (let j = 0; j < len; j++) out[k * t + t0 + j] = acc[j]! * lift;
    }
  }
  return { data: out, nBins: nMfcc, nFrames: t };
}

/** librosa `feature.mfcc(y, sr, n_mfcc=20)` with mel defaults: [coefficient][frame] float32. */
export function mfcc(y: Float32Array, options: MfccOptions): Spectrogram {
  return mfccFromDb(powerToDb(melSpectrogram(y, options)), options);
}
