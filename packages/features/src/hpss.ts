/**
 * Harmonic-percussive source separation on a spectrogram, ported from librosa 0.11 `decompose.hpss` and
 * `util.softmask`: median filters across time (harmonic) and across frequency (percussive) with scipy's
 * "reflect" edges, then Wiener-like soft masks ((X/Z)^p / ((X/Z)^p + (R/Z)^p)), or binary masks for power ∞.
 * Works on magnitudes or on a complex STFT (masks applied to re/im, i.e. with the phase kept). The median filter
 * slides a sorted window (one removal and one insertion per step) instead of sorting every window.
 * The inverse STFT (librosa.effects.hpss on audio) is in internal/istft.ts.
 */
import { InvalidParameter } from "./errors.js";
import type { ComplexSpectrogram, Spectrogram } from "./stft.js";

export interface HpssOptions {
  /** Median filter sizes, one for both or [harmonic (time), percussive (frequency)]; default 31. */
  readonly kernelSize?: number | readonly [number, number];
  /** Soft-mask exponent; Infinity gives binary masks. Default 2. */
  readonly power?: number;
  /** Separation margins ≥ 1, one for both or [harmonic, percussive]. Default 1. */
  readonly margin?: number | readonly [number, number];
}

const TINY_F32 = 1.1754943508222875e-38;
const pair = (v: number | readonly [number, number]): readonly [number, number] =>
  typeof v === "number" ? [v, v] : v;

/** Replaces `out` by `into` in the ascending `sorted` window, keeping it sorted (moves only the values between). */
function slide(sorted: Float32Array, out: number, into: number): void {
  let lo = 0,
    hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < out) lo = mid + 1;
    else hi = mid;
  }
  let i = lo;
  if (into > out) {
    for (; i + 1 < sorted.length && sorted[i + 1]! < into; i++) sorted[i] = sorted[i + 1]!;
  } else {
    for (; i > 0 && sorted[i - 1]! > into; i--) sorted[i] = sorted[i - 1]!;
  }
  sorted[i] = into;
}

/** scipy `median_filter` with `size` along one axis, mode "reflect" (edge sample repeated: d c b a | a b c d). */
function medianFilter(
  data: Float32Array,
  rows: number,
  cols: number,
  size: number,
  alongRows: boolean,
): Float32Array {
  const out = new Float32Array(data.length);
  const lines = alongRows ? cols : rows;
  const length = alongRows ? rows : cols;
  const stride = alongRows ? cols : 1;
  const before = Math.floor(size / 2);
  const reflect = (i: number): number => {
    const period = 2 * length;
    let j = ((i % period) + period) % period;
    if (j >= length) j = period - 1 - j;
    return j;
  };
  // One line with its reflected edges: padded[i + k] is the k-th value of output i's window.
  const padded = new Float32Array(length + size - 1);
  const sorted = new Float32Array(size);
  for (let line = 0; line < lines; line++) {
    const base = alongRows ? line : line * cols;
    for (let i = 0; i < padded.length; i++) padded[i] = data[base + reflect(i - before) * stride]!;
    sorted.set(padded.subarray(0, size));
    sorted.sort();
    out[base] = sorted[before]!;
    for (let i = 1; i < length; i++) {
      slide(sorted, padded[i - 1]!, padded[i + size - 1]!);
      out[base + i * stride] = sorted[before]!;
    }
  }
  return out;
}

/** librosa `util.softmask(X, X_ref, power, split_zeros)` in float32. */
function softmask(
  x: Float32Array,
  ref: Float32Array,
  refScale: number,
  power: number,
  splitZeros: boolean,
): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const r = Math.fround(ref[i]! * refScale);
    if (!Number.isFinite(power)) {
      out[i] = x[i]! > r ? 1 : 0;
      continue;
    }
    const z = Math.max(x[i]!, r);
    if (z < TINY_F32) {
      out[i] = splitZeros ? 0.5 : 0;
      continue;
    }
    const m = Math.fround(Math.fround(x[i]! / z) ** power);
    const mr = Math.fround(Math.fround(r / z) ** power);
    out[i] = m / Math.fround(m + mr);
  }
  return out;
}

/** The harmonic and percussive soft masks of a magnitude [bin][frame] spectrogram. */
export function hpssMasks(
  spec: Spectrogram,
  options: HpssOptions = {},
): { harmonic: Float32Array; percussive: Float32Array } {
  const [winHarm, winPerc] = pair(options.kernelSize ?? 31);
  const [marginHarm, marginPerc] = pair(options.margin ?? 1);
  const power = options.power ?? 2;
  if (marginHarm < 1 || marginPerc < 1) throw new InvalidParameter("margin", "must be ≥ 1");
  if (winHarm < 1 || winPerc < 1) throw new InvalidParameter("kernelSize", "must be ≥ 1");
  if (!(power > 0)) throw new InvalidParameter("power", `must be strictly positive, got ${power}`);
  const harm = medianFilter(spec.data, spec.nBins, spec.nFrames, winHarm, false);
  const perc = medianFilter(spec.data, spec.nBins, spec.nFrames, winPerc, true);
  const splitZeros = marginHarm === 1 && marginPerc === 1;
  return {
    harmonic: softmask(harm, perc, marginHarm, power, splitZeros),
    percussive: softmask(perc, harm, marginPerc, power, splitZeros),
  };
}

/** librosa `decompose.hpss(S)` on magnitudes: the harmonic and percussive spectrograms. */
export function hpss(
  spec: Spectrogram,
  options: HpssOptions = {},
): { harmonic: Spectrogram; percussive: Spectrogram } {
  const masks = hpssMasks(spec, options);
  const apply = (mask: Float32Array): Spectrogram => ({
    ...spec,
    data: spec.data.map((v, i) => v * mask[i]!),
  });
  return { harmonic: apply(masks.harmonic), percussive: apply(masks.percussive) };
}

/** librosa `decompose.hpss(D)` on a complex STFT: masks computed on |D| and applied with the phase kept. */
export function hpssComplex(
  stft: ComplexSpectrogram,
  options: HpssOptions = {},
): { harmonic: ComplexSpectrogram; percussive: ComplexSpectrogram } {
  const mag = new Float32Array(stft.re.length);
  for (let i = 0; i < mag.length; i++) {
    // |complex64| like numpy (hypotf); sqrt of the float64 sum of squares rounds the same, faster than Math.hypot.
    const r = stft.re[i]!,
      im = stft.im[i]!;
    mag[i] = Math.sqrt(r * r + im * im);
  }
  const masks = hpssMasks({ data: mag, nBins: stft.nBins, nFrames: stft.nFrames }, options);
  const apply = (mask: Float32Array): ComplexSpectrogram => ({
    ...stft,
    re: stft.re.map((v, i) => v * mask[i]!),
    im: stft.im.map((v, i) => v * mask[i]!),
  });
  return { harmonic: apply(masks.harmonic), percussive: apply(masks.percussive) };
}
