/**
 * Constant-Q chroma as in librosa 0.11: `filters.cq_to_chroma` (merge bins_per_octave/n_chroma CQT bins per pitch
 * class, centred, rolled so that class 0 is C), `feature.chroma_cqt` (|CQT| of 7 octaves × 36 bins from C1, tuning
 * estimated unless given, per-frame max norm) and `feature.chroma_cens` (L1 norm, 4-step quantisation, 41-point
 * Hann smoothing over time with zero padding, L2 norm). Output is float32 [chroma][frame].
 * It does not do hybrid-CQT chroma or a custom smoothing window family.
 */
import { applyFilterBank, normalizeFrames } from "./chroma.js";
import { cqtMagnitudeOf } from "./cqt.js";
import { C1_HZ } from "./cqtFilters.js";
import { InvalidParameter } from "./errors.js";
import type { ResampleType } from "./resample.js";
import type { Spectrogram } from "./stft.js";
import { hannWindow } from "./window.js";

export interface ChromaCqtOptions {
  readonly sampleRateHz: number;
  /** Default 512. */
  readonly hopLengthSamples?: number;
  /** Default C1; librosa passes it to both the CQT and cq_to_chroma. */
  readonly fminHz?: number;
  /** Default 12. */
  readonly nChroma?: number;
  /** Default 7. */
  readonly nOctaves?: number;
  /** Default 36. */
  readonly binsPerOctave?: number;
  /** Default estimated from y (librosa `tuning=None`). */
  readonly tuning?: number;
  /** The CQT's 2:1 resampler; librosa always uses "soxr_hq" here, "polyphase" reproduces the `_polyphase` goldens. */
  readonly resType?: ResampleType;
}

export interface ChromaCensOptions extends ChromaCqtOptions {
  /** Smoothing length in frames (a Hann of win+2 points); 0 disables smoothing. Default 41. */
  readonly winLenSmooth?: number;
}

/** librosa `filters.cq_to_chroma(n_input, bins_per_octave, n_chroma, fmin, base_c=True)`: float32 [chroma][n_input]. */
export function cqToChroma(
  nInput: number,
  options: { binsPerOctave?: number; nChroma?: number; fminHz?: number } = {},
): Float32Array {
  const bpo = options.binsPerOctave ?? 12;
  const nChroma = options.nChroma ?? 12;
  const nMerge = bpo / nChroma;
  if (!Number.isInteger(nMerge))
    throw new InvalidParameter("binsPerOctave", `${bpo} is not an integer multiple of nChroma ${nChroma}`);
  const midi = 12 * (Math.log2(options.fminHz ?? C1_HZ) - Math.log2(440)) + 69;
  const midi0 = ((midi % 12) + 12) % 12;
  // parity: librosa rounds the roll half to even (np.round).
  const scaled = midi0 * (nChroma / 12);
  const roll = Math.abs(scaled % 1) === 0.5 ? 2 * Math.round(scaled / 2) : Math.round(scaled);
  const out = new Float32Array(nChroma * nInput);
  const half = Math.floor(nMerge / 2);
  for (let j = 0; j < nInput; j++) {
    // Bin j of an octave belongs to class ⌊((j + half) mod bpo) / nMerge⌋ (identity repeated, rolled left by half).
    const cls = Math.floor((((j % bpo) + half) % bpo) / nMerge);
    out[((((cls + roll) % nChroma) + nChroma) % nChroma) * nInput + j] = 1;
  }
  return out;
}

/** Options of the chroma mapping of a precomputed |CQT| (librosa's `C=` argument). */
export interface ChromaFromCqtOptions {
  /** Default 36. */
  readonly binsPerOctave?: number;
  /** Default 12. */
  readonly nChroma?: number;
  /** The CQT's fmin before tuning; default C1. */
  readonly fminHz?: number;
}

function checkBins(bpo: number, nChroma: number): void {
  if (bpo % nChroma !== 0) {
    throw new InvalidParameter("binsPerOctave", `${bpo} is not an integer multiple of nChroma ${nChroma}`);
  }
}

/** Unnormalised chroma = cq_to_chroma · |C|. */
function rawChroma(magnitude: Spectrogram, options: ChromaFromCqtOptions): Spectrogram {
  const bpo = options.binsPerOctave ?? 36;
  const nChroma = options.nChroma ?? 12;
  checkBins(bpo, nChroma);
  const weights = cqToChroma(magnitude.nBins, {
    binsPerOctave: bpo,
    nChroma,
    ...(options.fminHz !== undefined ? { fminHz: options.fminHz } : {}),
  });
  return { data: applyFilterBank(weights, nChroma, magnitude), nBins: nChroma, nFrames: magnitude.nFrames };
}

/** |CQT| of y with chroma_cqt's parameters, and the tuning used. */
function chromaCqtMagnitude(y: Float32Array, options: ChromaCqtOptions): Spectrogram & { tuning: number } {
  const bpo = options.binsPerOctave ?? 36;
  checkBins(bpo, options.nChroma ?? 12);
  const nBins = (options.nOctaves ?? 7) * bpo;
  return cqtMagnitudeOf(y, {
    sampleRateHz: options.sampleRateHz,
    hopLengthSamples: options.hopLengthSamples ?? 512,
    nBins,
    binsPerOctave: bpo,
    tuning: options.tuning ?? null,
    ...(options.fminHz !== undefined ? { fminHz: options.fminHz } : {}),
    ...(options.resType !== undefined ? { resType: options.resType } : {}),
  });
}

/** librosa `feature.chroma_cqt(C=magnitude)`: max-normalised chroma of a precomputed |CQT| [bin][frame]. */
export function chromaCqtFromMagnitude(
  magnitude: Spectrogram,
  options: ChromaFromCqtOptions = {},
): Spectrogram {
  const raw = rawChroma(magnitude, options);
  normalizeFrames(raw.data, raw.nBins, raw.nFrames, "inf");
  return raw;
}

/** librosa `feature.chroma_cens(C=magnitude)`: CENS of a precomputed |CQT| [bin][frame]. */
export function chromaCensFromMagnitude(
  magnitude: Spectrogram,
  options: ChromaFromCqtOptions & { winLenSmooth?: number } = {},
): Spectrogram {
  const raw = rawChroma(magnitude, options);
  const { nBins, nFrames } = raw;
  normalizeFrames(raw.data, nBins, nFrames, 1);
  const quant = new Float32Array(raw.data.length);
  for (let i = 0; i < quant.length; i++) {
    const v = raw.data[i]!;
    quant[i] = (v > 0.4 ? 0.25 : 0) + (v > 0.2 ? 0.25 : 0) + (v > 0.1 ? 0.25 : 0) + (v > 0.05 ? 0.25 : 0);
  }
  const winLen = options.winLenSmooth ?? 41;
  const smoothed = winLen > 0 ? smoothFrames(quant, nBins, nFrames, winLen) : quant;
  return { data: normalizeFrames(smoothed, nBins, nFrames, 2), nBins, nFrames };
}

/** librosa `feature.chroma_cqt(y, sr, hop_length, n_chroma=12, n_octaves=7, bins_per_octave=36)`, max-normalised. */
export function chromaCqt(y: Float32Array, options: ChromaCqtOptions): Spectrogram & { tuning: number } {
  const magnitude = chromaCqtMagnitude(y, options);
  return { ...chromaCqtFromMagnitude(magnitude, options), tuning: magnitude.tuning };
}

/** librosa `feature.chroma_cens(y, sr, hop_length, n_chroma=12, win_len_smooth=41)`, L2-normalised per frame. */
export function chromaCens(y: Float32Array, options: ChromaCensOptions): Spectrogram & { tuning: number } {
  const magnitude = chromaCqtMagnitude(y, options);
  return { ...chromaCensFromMagnitude(magnitude, options), tuning: magnitude.tuning };
}

/** scipy `ndimage.convolve(x, hann(win+2, sym)/sum, mode="constant")` along frames. */
function smoothFrames(x: Float32Array, nRows: number, nFrames: number, winLen: number): Float32Array {
  const win = hannWindow(winLen + 2, { periodic: false });
  const sum = win.reduce((a, b) => a + b, 0);
  const centre = Math.floor(win.length / 2);
  const out = new Float32Array(x.length);
  for (let r = 0; r < nRows; r++) {
    for (let t = 0; t < nFrames; t++) {
      let acc = 0;
      for (let j = 0; j < win.length; j++) {
        const src = t + centre - j;
        if (src >= 0 && src < nFrames) acc += (win[j]! / sum) * x[r * nFrames + src]!;
      }
      out[r * nFrames + t] = acc;
    }
  }
  return out;
}
