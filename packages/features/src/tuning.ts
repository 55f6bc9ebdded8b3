/**
 * Tuning estimation as in librosa 0.11: `piptrack` (parabolic-interpolated spectral peaks above 0.1·frame max
 * between 150 and 4000 Hz), `estimate_tuning` (keep peaks whose magnitude ≥ the median) and `pitch_tuning` (histogram
 * of the residual of bpo·log2(f/27.5) mod 1 over 100 bins of [−0.5, 0.5); the left edge of the fullest bin).
 * Arithmetic follows numpy's float32 steps (`Math.fround`) so the histogram, and hence the tuning, is identical.
 * Peaks are picked frame by frame as the STFT produces them (no spectrogram is stored for `y`). It does not return
 * piptrack's full pitch/magnitude matrices to callers; only the tuning is public.
 */
import { forEachPowerFrame, type Spectrogram } from "./stft.js";

export interface EstimateTuningOptions {
  /** Audio; its |STFT| (n_fft 2048, hop 512) is analysed. Give `y` or `spectrum`. */
  readonly y?: Float32Array;
  /** A precomputed [bin][frame] spectrogram (chroma_stft passes its power spectrogram). */
  readonly spectrum?: Spectrogram;
  readonly sampleRateHz: number;
  /** Default 2048. */
  readonly nFft?: number;
  /** Default 12. */
  readonly binsPerOctave?: number;
  /** Histogram resolution in fractions of a bin; default 0.01. */
  readonly resolution?: number;
}

const f32 = Math.fround;

/** librosa `piptrack`'s peaks, fed one spectrum frame at a time: (pitch, magnitude) of each peak in range. */
export interface PeakTracker {
  frame(col: Float32Array): void;
  readonly pitches: number[];
  readonly mags: number[];
}

/** A piptrack accumulator for frames of an `nFft` spectrum at `sampleRateHz` (fmin 150 Hz, fmax 4000 Hz). */
export function createPeakTracker(sampleRateHz: number, nFft: number): PeakTracker {
  const fmin = 150,
    fmax = Math.min(4000, sampleRateHz / 2);
  const binHz = 1 / (nFft * (1 / sampleRateHz));
  const pitches: number[] = [],
    mags: number[] = [];
  // The first bin at or above fmin; the scan stops at fmax.
  let first = 1;
  while (!(fmin <= first * binHz)) first++;
  return {
    pitches,
    mags,
    frame(col) {
      const nBins = col.length;
      let max = 0;
      for (let k = 0; k < nBins; k++) max = Math.max(max, col[k]!);
      const ref = f32(0.1 * max);
      const masked = (k: number): number => (col[k]! > ref ? col[k]! : 0);
      for (let k = first; k < nBins && k * binHz < fmax; k++) {
        const mk = masked(k);
        const isMax = k === nBins - 1 ? mk > masked(k - 1) : mk > masked(k - 1) && mk >= masked(k + 1);
        if (!isMax) continue;
        // parity: the interpolation stencil is 0 at both ends; numba promotes 2·x to float64, the result is float32.
        let shift = 0;
        if (k < nBins - 1) {
          const a = f32(col[k + 1]! + col[k - 1]!) - 2 * col[k]!;
          const b = f32(col[k + 1]! - col[k - 1]!) / 2;
          shift = Math.abs(b) >= Math.abs(a) ? 0 : f32(-b / a);
        }
        const avg = k < nBins - 1 ? f32(f32(col[k + 1]! - col[k - 1]!) / 2) : f32(col[k]! - col[k - 1]!);
        const dskew = f32(f32(0.5 * avg) * shift);
        pitches.push(f32(((k + shift) * sampleRateHz) / nFft));
        mags.push(f32(col[k]! + dskew));
      }
    },
  };
}

/** numpy's float32 median: the middle value, or the float32 mean of the two middle values. */
function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : f32(f32(sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** librosa `pitch_tuning`: the tuning offset (fractions of a bin) from a list of peak frequencies in Hz. */
export function pitchTuning(
  frequencies: ArrayLike<number>,
  options: { binsPerOctave?: number; resolution?: number } = {},
): number {
  const bpo = options.binsPerOctave ?? 12;
  const nEdges = Math.ceil(1 / (options.resolution ?? 0.01)) + 1;
  const step = 1 / (nEdges - 1);
  const edges = Float64Array.from({ length: nEdges }, (_, i) => (i === nEdges - 1 ? 0.5 : i * step + -0.5));
  const counts = new Int32Array(nEdges - 1);
  let any = false;
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i]!;
    if (!(f > 0)) continue;
    any = true;
    // parity: hz_to_octs and the residual are float32 operations in numpy.
    const octs = f32(Math.log2(f32(f / (440 / 16))));
    const x = f32(bpo * octs);
    let residual = f32(x - Math.floor(x));
    if (residual >= 0.5) residual = f32(residual - 1);
    // np.histogram: edges[i] ≤ v < edges[i+1], the last bin closed on the right.
    if (residual < edges[0]! || residual > edges[nEdges - 1]!) continue;
    let lo = 0,
      hi = nEdges - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= residual) lo = mid;
      else hi = mid;
    }
    counts[lo]!++;
  }
  if (!any) return 0;
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i]! > counts[best]!) best = i;
  return edges[best]!;
}

/** The tuning of piptrack's peaks: those at or above the median magnitude, through `pitchTuning`. */
export function tuningOfPeaks(
  tracker: PeakTracker,
  options: { binsPerOctave?: number; resolution?: number } = {},
): number {
  const { pitches, mags } = tracker;
  const positive = mags.filter((_, i) => pitches[i]! > 0);
  const threshold = positive.length > 0 ? median(positive) : 0;
  const kept = pitches.filter((p, i) => p > 0 && mags[i]! >= threshold);
  return pitchTuning(kept, options);
}

/** librosa `estimate_tuning(y | S, sr, n_fft, resolution, bins_per_octave)` with piptrack's defaults. */
export function estimateTuning(options: EstimateTuningOptions): number {
  const nFft = options.nFft ?? 2048;
  const tracker = createPeakTracker(options.sampleRateHz, nFft);
  const { spectrum, y } = options;
  if (spectrum !== undefined) {
    const col = new Float32Array(spectrum.nBins);
    for (let t = 0; t < spectrum.nFrames; t++) {
      for (let k = 0; k < spectrum.nBins; k++) col[k] = spectrum.data[k * spectrum.nFrames + t]!;
      tracker.frame(col);
    }
  } else if (y !== undefined) {
    forEachPowerFrame(y, { nFft }, 1, (_t, values) => tracker.frame(values));
  } else {
    throw new RangeError("[features] estimateTuning needs y or spectrum");
  }
  return tuningOfPeaks(tracker, {
    ...(options.binsPerOctave !== undefined ? { binsPerOctave: options.binsPerOctave } : {}),
    ...(options.resolution !== undefined ? { resolution: options.resolution } : {}),
  });
}
