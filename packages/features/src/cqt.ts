/**
 * Constant-Q transform with the semantics of librosa 0.11 `librosa.cqt` (= `vqt` with γ = 0): tuning applied to
 * fmin, early 2^k:1 downsampling when the filters allow it, then octave by octave from the top: a rectangular-window
 * STFT (centred, zero padded) times the sparse FFT-domain filter basis, a 2:1 `resample(scale=True)` for the next
 * octave, stacking trimmed to the shortest octave, and division by √(filter length) (`scale=True`).
 * Output is complex64 [bin][frame], bins low to high. It does not do hybrid/pseudo CQT, VQT with γ > 0, or the
 * inverse transform.
 */
import {
  cqtFilterFft,
  cqtFrequencies,
  relativeBandwidth,
  waveletLengths,
  C1_HZ,
  type CqtBasis,
} from "./cqtFilters.js";
import { InvalidParameter } from "./errors.js";
import { resample, type ResampleType } from "./resample.js";
import {
  assertFiniteAudio,
  forEachFrame,
  frameCount,
  type ComplexSpectrogram,
  type Spectrogram,
} from "./stft.js";
import { estimateTuning } from "./tuning.js";

export interface CqtOptions {
  readonly sampleRateHz: number;
  /** Default 512. */
  readonly hopLengthSamples?: number;
  /** Default C1 (32.70 Hz), before tuning. */
  readonly fminHz?: number;
  /** Default 84. */
  readonly nBins?: number;
  /** Default 12. */
  readonly binsPerOctave?: number;
  /** Deviation from A440 in fractions of a bin; `null` estimates it from y (librosa `tuning=None`). Default 0. */
  readonly tuning?: number | null;
  /** Default 0.01. */
  readonly sparsity?: number;
  /** The 2:1 resampler between octaves; librosa's default is "soxr_hq". */
  readonly resType?: ResampleType;
}

/** librosa `__early_downsample_count`. */
function earlyDownsampleCount(nyquistHz: number, cutoffHz: number, hop: number, nOctaves: number): number {
  const count1 = Math.max(0, Math.ceil(Math.log2(nyquistHz / cutoffHz)) - 1 - 1);
  let twos = 0;
  for (let x = hop; x > 0 && x % 2 === 0; x /= 2) twos++;
  const count2 = Math.max(0, twos - nOctaves + 1);
  return Math.min(count1, count2);
}

interface OctaveSink {
  /**
   * Octave i (from the top) covers bins lo..hi−1; its response rows come from this basis, signal and hop;
   * `lengths` are all bins' wavelet lengths (the final `/ √length`).
   */
  (
    lo: number,
    hi: number,
    y: Float32Array,
    basis: CqtBasis,
    hop: number,
    gain: number,
    lengths: Float64Array,
  ): void;
}

/**
 * The CQT's setup and octave loop (tuning, early downsampling, per-octave bases and 2:1 resampling), handing each
 * octave to `sink`; returns what stacking needs. Throws NonFiniteAudio / InvalidParameter.
 */
function runOctaves(
  y: Float32Array,
  options: CqtOptions,
  sink: OctaveSink,
): { nBins: number; lengths: Float64Array; tuning: number } {
  assertFiniteAudio(y);
  if (y.length === 0) throw new InvalidParameter("y", "audio is empty");
  const nBins = options.nBins ?? 84;
  const bpo = options.binsPerOctave ?? 12;
  let hop = options.hopLengthSamples ?? 512;
  let sr = options.sampleRateHz;
  const resType = options.resType ?? "soxr_hq";
  const nOctaves = Math.ceil(nBins / bpo);
  const nFilters = Math.min(bpo, nBins);
  const tuning =
    options.tuning === null
      ? estimateTuning({ y, sampleRateHz: sr, binsPerOctave: bpo })
      : (options.tuning ?? 0);
  const fmin = (options.fminHz ?? C1_HZ) * 2 ** (tuning / bpo);
  const freqs = cqtFrequencies(nBins, fmin, bpo);
  const alpha = relativeBandwidth(freqs);
  const { cutoffHz } = waveletLengths(freqs, sr, alpha);
  const nyquist = sr / 2;
  if (cutoffHz > nyquist) {
    throw new InvalidParameter(
      "nBins",
      `wavelet basis reaches ${cutoffHz.toFixed(1)} Hz, above the Nyquist frequency ${nyquist} Hz`,
    );
  }
  let signal = y;
  const early = earlyDownsampleCount(nyquist, cutoffHz, hop, nOctaves);
  if (early > 0) {
    const factor = 2 ** early;
    if (signal.length < factor) {
      throw new InvalidParameter("y", `${signal.length} samples are too short for a ${nOctaves}-octave CQT`);
    }
    hop /= factor;
    signal = resample(signal, { origSampleRateHz: factor, targetSampleRateHz: 1, resType, scale: true });
    sr /= factor;
  }
  const { lengths } = waveletLengths(freqs, sr, alpha);
  let mySr = sr,
    myHop = hop,
    myY = signal;
  for (let i = 0; i < nOctaves; i++) {
    const hi = nBins - nFilters * i;
    const lo = Math.max(0, hi - nFilters);
    const basis = cqtFilterFft({
      freqs: freqs.subarray(lo, hi),
      alpha: alpha.subarray(lo, hi),
      sampleRateHz: mySr,
      sparsity: options.sparsity ?? 0.01,
    });
    sink(lo, hi, myY, basis, myHop, Math.sqrt(sr / mySr), lengths);
    if (myHop % 2 === 0) {
      myHop /= 2;
      mySr /= 2;
      myY = resample(myY, { origSampleRateHz: 2, targetSampleRateHz: 1, resType, scale: true });
    }
  }
  return { nBins, lengths, tuning };
}

/** Complex CQT (complex64, [bin][frame]); also returns the tuning it used. Throws NonFiniteAudio / InvalidParameter. */
export function cqt(y: Float32Array, options: CqtOptions): ComplexSpectrogram & { tuning: number } {
  const responses: ComplexSpectrogram[] = [];
  const { nBins, lengths, tuning } = runOctaves(y, options, (_lo, _hi, myY, basis, hop, gain) => {
    responses.push(octaveResponse(myY, basis, hop, gain));
  });
  return { ...stack(responses, nBins, lengths), tuning };
}

/**
 * |CQT| as float32 [bin][frame] straight from each octave's response: the same float32 steps as `cqt` then
 * `cqtMagnitude` (complex64 response, division by √length, |·|) without storing the complex CQT.
 */
export function cqtMagnitudeOf(y: Float32Array, options: CqtOptions): Spectrogram & { tuning: number } {
  const octaves: { lo: number; hi: number; mag: Spectrogram }[] = [];
  const { nBins, tuning } = runOctaves(y, options, (lo, hi, myY, basis, hop, gain, lengths) => {
    const norms = lengths.subarray(lo, hi).map(Math.sqrt);
    octaves.push({ lo, hi, mag: octaveMagnitude(myY, basis, hop, gain, norms) });
  });
  // librosa `__trim_stack`: every octave cut to the shortest octave's frame count.
  const nFrames = Math.min(...octaves.map((o) => o.mag.nFrames));
  const data = new Float32Array(nBins * nFrames);
  for (const { lo, hi, mag } of octaves) {
    for (let b = lo; b < hi; b++) {
      const src = (b - lo) * mag.nFrames;
      data.set(mag.data.subarray(src, src + nFrames), b * nFrames);
    }
  }
  return { data, nBins, nFrames, tuning };
}

interface ScaledRow {
  bins: Int32Array;
  wr: Float64Array;
  wi: Float64Array;
}

/** The basis rows times `gain`, rounded like librosa's in-place complex64 `fft_basis[:] *= sqrt(sr / my_sr)`. */
function scaledRows(basis: CqtBasis, gain: number): ScaledRow[] {
  return basis.rows.map((row) => ({
    bins: row.bins,
    wr: row.re.map((v) => Math.fround(v * gain)),
    wi: row.im.map((v) => Math.fround(v * gain)),
  }));
}

/**
 * fft_basis · D for one octave, frame by frame as the rectangular-window STFT produces them (the complex STFT is
 * never stored): rows are this octave's bins, low to high.
 */
function octaveResponse(y: Float32Array, basis: CqtBasis, hop: number, gain: number): ComplexSpectrogram {
  const rows = scaledRows(basis, gain);
  const nFrames = frameCount(y.length, basis.nFft, hop);
  const re = new Float32Array(rows.length * nFrames),
    im = new Float32Array(rows.length * nFrames);
  forEachFrame(y, { nFft: basis.nFft, hopLengthSamples: hop, window: "ones" }, (t, xr, xi) => {
    for (let r = 0; r < rows.length; r++) {
      const { bins, wr, wi } = rows[r]!;
      let accRe = 0,
        accIm = 0;
      for (let j = 0; j < bins.length; j++) {
        const b = bins[j]!;
        accRe = accRe + wr[j]! * xr[b]! - wi[j]! * xi[b]!;
        accIm = accIm + wr[j]! * xi[b]! + wi[j]! * xr[b]!;
      }
      re[r * nFrames + t] = accRe;
      im[r * nFrames + t] = accIm;
    }
  });
  return { re, im, nBins: rows.length, nFrames };
}

/** |fft_basis · D| / √length per row, frame by frame (see octaveResponse): float32 [row][frame]. */
function octaveMagnitude(
  y: Float32Array,
  basis: CqtBasis,
  hop: number,
  gain: number,
  norms: Float64Array,
): Spectrogram {
  const rows = scaledRows(basis, gain);
  const nFrames = frameCount(y.length, basis.nFft, hop);
  const data = new Float32Array(rows.length * nFrames);
  forEachFrame(y, { nFft: basis.nFft, hopLengthSamples: hop, window: "ones" }, (t, xr, xi) =>
    projectMagnitude(rows, norms, xr, xi, data, t, nFrames),
  );
  return { data, nBins: rows.length, nFrames };
}

/** One frame of octaveMagnitude: complex64 response, complex64 after `/ √length`, then |·| like numpy's abs. */
function projectMagnitude(
  rows: ScaledRow[],
  norms: Float64Array,
  xr: Float32Array,
  xi: Float32Array,
  out: Float32Array,
  t: number,
  nFrames: number,
): void {
  for (let r = 0; r < rows.length; r++) {
    const { bins, wr, wi } = rows[r]!;
    let accRe = 0,
      accIm = 0;
    for (let j = 0; j < bins.length; j++) {
      const b = bins[j]!;
      accRe = accRe + wr[j]! * xr[b]! - wi[j]! * xi[b]!;
      accIm = accIm + wr[j]! * xi[b]! + wi[j]! * xr[b]!;
    }
    const re = Math.fround(Math.fround(accRe) / norms[r]!),
      im = Math.fround(Math.fround(accIm) / norms[r]!);
    out[r * nFrames + t] = Math.sqrt(re * re + im * im);
  }
}

/** librosa `__trim_stack` followed by `V /= sqrt(lengths)`. */
function stack(responses: ComplexSpectrogram[], nBins: number, lengths: Float64Array): ComplexSpectrogram {
  const nFrames = Math.min(...responses.map((r) => r.nFrames));
  const re = new Float32Array(nBins * nFrames),
    im = new Float32Array(nBins * nFrames);
  let end = nBins;
  for (const resp of responses) {
    const take = Math.min(end, resp.nBins);
    for (let b = 0; b < take; b++) {
      const src = resp.nBins - take + b,
        dst = end - take + b;
      const norm = Math.sqrt(lengths[dst]!);
      for (let t = 0; t < nFrames; t++) {
        re[dst * nFrames + t] = resp.re[src * resp.nFrames + t]! / norm;
        im[dst * nFrames + t] = resp.im[src * resp.nFrames + t]! / norm;
      }
    }
    end -= take;
  }
  return { re, im, nBins, nFrames };
}

/** |CQT| as float32 [bin][frame] (numpy's abs of complex64). */
export function cqtMagnitude(c: ComplexSpectrogram): Float32Array {
  const out = new Float32Array(c.re.length);
  for (let i = 0; i < out.length; i++) {
    // sqrt(r² + i²) of float32 parts in float64 rounds like hypotf (see framePower), faster than Math.hypot.
    const r = c.re[i]!,
      im = c.im[i]!;
    out[i] = Math.sqrt(r * r + im * im);
  }
  return out;
}
