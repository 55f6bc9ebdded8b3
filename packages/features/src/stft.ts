/**
 * Short-time Fourier transform with the semantics of librosa 0.11 `librosa.stft` / `_spectrogram`: periodic Hann
 * window of `winLengthSamples` centred in `nFft`, `center=True` padding with zeros (librosa ≥ 0.9) or numpy-style
 * reflection (librosa ≤ 0.8 feature code), frames T = 1 + ⌊(len + 2·⌊nFft/2⌋ − nFft)/hop⌋, unscaled rfft per frame.
 * Frames are windowed in float64, rounded to float32 and transformed by PFFFT in float32 (librosa transforms in
 * float64 and stores complex64; the difference is ~1e-7 of each frame's peak). The padding is virtual (edge frames
 * read through it), and spectra are written to librosa's [bin][frame] orientation in blocks of frames.
 * It does not do the inverse STFT.
 */
import { InvalidParameter, NonFiniteAudio } from "./errors.js";
import { getRealFft32, type RealFft32 } from "./internal/realFft32.js";
import { hannWindow } from "./window.js";

/** A real [rows][frames] matrix, row-major: `data[row * nFrames + frame]` (librosa's [freq][frames] layout). */
export interface Spectrogram {
  readonly data: Float32Array;
  /** Rows: frequency bins (1 + nFft/2), mel bands, coefficients… */
  readonly nBins: number;
  readonly nFrames: number;
}

/** A complex STFT in the same [bin][frame] row-major layout, split into real and imaginary parts. */
export interface ComplexSpectrogram {
  readonly re: Float32Array;
  readonly im: Float32Array;
  readonly nBins: number;
  readonly nFrames: number;
}

export type PadMode = "constant" | "reflect";

export interface StftOptions {
  /** FFT size; librosa default 2048. */
  readonly nFft?: number;
  /** Default ⌊nFft/4⌋. */
  readonly hopLengthSamples?: number;
  /** Default nFft; the window is zero-padded to nFft, centred. */
  readonly winLengthSamples?: number;
  /** "hann" (periodic, default), "ones", or explicit window values of length winLengthSamples. */
  readonly window?: "hann" | "ones" | Float64Array;
  /** Pad ⌊nFft/2⌋ on both sides so frame t is centred on sample t·hop. Default true. */
  readonly center?: boolean;
  /** "constant" (zeros, librosa 0.9+ default) or "reflect" (librosa ≤ 0.8). */
  readonly padMode?: PadMode;
}

export interface SpectrogramOptions extends StftOptions {
  /** Exponent of the magnitude: 1 = magnitude, 2 = power (librosa's melspectrogram default). Default 1. */
  readonly power?: number;
}

/** Throws NonFiniteAudio when any sample is NaN or infinite (librosa's `util.valid_audio`). */
export function assertFiniteAudio(y: Float32Array): void {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) throw new NonFiniteAudio(i);
}

interface ResolvedStft {
  nFft: number;
  hop: number;
  window: Float64Array;
  /** The window is all ones (the CQT's): frames are copied, not multiplied. */
  ones: boolean;
  center: boolean;
  padMode: PadMode;
}

function resolve(options: StftOptions): ResolvedStft {
  const nFft = options.nFft ?? 2048;
  const hop = options.hopLengthSamples ?? Math.floor(nFft / 4);
  const winLength = options.winLengthSamples ?? nFft;
  if (!Number.isInteger(nFft) || nFft < 1)
    throw new InvalidParameter("nFft", `must be a positive integer, got ${nFft}`);
  if (!Number.isInteger(hop) || hop < 1)
    throw new InvalidParameter("hopLengthSamples", `must be a positive integer, got ${hop}`);
  if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) {
    throw new InvalidParameter("winLengthSamples", `must be an integer in [1, nFft], got ${winLength}`);
  }
  const raw =
    options.window === undefined || options.window === "hann"
      ? hannWindow(winLength)
      : options.window === "ones"
        ? new Float64Array(winLength).fill(1)
        : options.window;
  if (raw.length !== winLength)
    throw new InvalidParameter("window", `has ${raw.length} points, expected ${winLength}`);
  // parity: librosa's util.pad_center puts ⌊(nFft − win)/2⌋ zeros on the left.
  const window = new Float64Array(nFft);
  window.set(raw, Math.floor((nFft - winLength) / 2));
  const ones = window.every((w) => w === 1);
  return { nFft, hop, window, ones, center: options.center ?? true, padMode: options.padMode ?? "constant" };
}

/** numpy `np.pad(mode="reflect")` index folding (no edge repeat; reflects again when the pad exceeds the signal). */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - j;
  return j;
}

/** frame = window · y[start …] for a frame inside the signal. */
function windowFrame(frame: Float32Array, y: Float32Array, start: number, window: Float64Array): void {
  const nFft = frame.length;
  for (let i = 0; i < nFft; i++) frame[i] = window[i]! * y[start + i]!;
}

/** An edge frame, read through the padding: zeros, or numpy's reflection. */
function windowEdgeFrame(
  frame: Float32Array,
  y: Float32Array,
  start: number,
  window: Float64Array,
  mode: PadMode,
): void {
  const n = y.length;
  for (let i = 0; i < frame.length; i++) {
    const j = start + i;
    const v = j >= 0 && j < n ? y[j]! : mode === "reflect" ? y[reflectIndex(j, n)]! : 0;
    frame[i] = window[i]! * v;
  }
}

/** Windows every frame into the FFT plan's input and hands the plan over; shared by the frame visitors below. */
function eachWindowedFrame(
  y: Float32Array,
  options: StftOptions,
  onFrame: (frame: number, fft: RealFft32) => void,
): { nBins: number; nFrames: number } {
  assertFiniteAudio(y);
  if (y.length === 0) throw new InvalidParameter("y", "audio is empty");
  const { nFft, hop, window, ones, center, padMode } = resolve(options);
  const pad = center ? Math.floor(nFft / 2) : 0;
  const n = y.length;
  if (n + 2 * pad < nFft) {
    throw new InvalidParameter("nFft", `${nFft} is larger than the uncentered signal (${n} samples)`);
  }
  const nFrames = 1 + Math.floor((n + 2 * pad - nFft) / hop);
  const fft = getRealFft32(nFft);
  for (let t = 0; t < nFrames; t++) {
    const frame = fft.input();
    const start = t * hop - pad;
    if (start >= 0 && start + nFft <= n) {
      if (ones) frame.set(y.subarray(start, start + nFft));
      else windowFrame(frame, y, start, window);
    } else {
      windowEdgeFrame(frame, y, start, window, padMode);
    }
    onFrame(t, fft);
  }
  return { nBins: fft.bins, nFrames };
}

/**
 * Visits every frame's spectrum (float32 re/im of nFft/2 + 1 bins, reused between calls) in order; the STFT
 * and the CQT consume it without storing the whole complex STFT. Throws NonFiniteAudio / InvalidParameter.
 */
export function forEachFrame(
  y: Float32Array,
  options: StftOptions,
  visit: (frame: number, re: Float32Array, im: Float32Array) => void,
): { nBins: number; nFrames: number } {
  const bins = Math.floor((options.nFft ?? 2048) / 2) + 1;
  const re = new Float32Array(bins);
  const im = new Float32Array(bins);
  return eachWindowedFrame(y, options, (t, fft) => {
    fft.forward(re, im);
    visit(t, re, im);
  });
}

/**
 * Visits every frame's |X|^power (float32, nFft/2 + 1 bins, reused between calls; `framePower`'s arithmetic),
 * for the spectrogram, the mel spectrogram, chroma and piptrack. Throws NonFiniteAudio / InvalidParameter.
 */
export function forEachPowerFrame(
  y: Float32Array,
  options: StftOptions,
  power: number,
  visit: (frame: number, values: Float32Array) => void,
): { nBins: number; nFrames: number } {
  const values = new Float32Array(Math.floor((options.nFft ?? 2048) / 2) + 1);
  return eachWindowedFrame(y, options, (t, fft) => {
    fft.power(values, power);
    visit(t, values);
  });
}

/** Frames per block when scattering frame-major spectra into [bin][frame] rows. */
const BLOCK_FRAMES = 32;

/**
 * Collects per-frame rows of `nBins` values in blocks of frames and scatters each block into `out` ([bin][frame]
 * of `nFrames` columns), so that writes run along rows. Returns the row to fill for frame t.
 */
function createBlockScatter(
  out: Float32Array,
  nBins: number,
  nFrames: number,
): {
  row: (t: number) => Float32Array;
  flush: (t: number) => void;
} {
  const block = new Float32Array(BLOCK_FRAMES * nBins);
  const rows = Array.from({ length: BLOCK_FRAMES }, (_, b) => block.subarray(b * nBins, (b + 1) * nBins));
  return {
    row: (t) => rows[t % BLOCK_FRAMES]!,
    flush: (t) => {
      // Called after frame t: write the block once it is full or the last frame is in.
      if ((t + 1) % BLOCK_FRAMES !== 0 && t + 1 !== nFrames) return;
      const t0 = t - (t % BLOCK_FRAMES);
      scatterBlock(block, out, nBins, nFrames, t0, t + 1 - t0);
    },
  };
}

/** out[k][t0 + b] = block[b][k] for b < count. */
function scatterBlock(
  block: Float32Array,
  out: Float32Array,
  nBins: number,
  nFrames: number,
  t0: number,
  count: number,
): void {
  for (let k = 0; k < nBins; k++) {
    const dst = k * nFrames + t0;
    for (let b = 0; b < count; b++) out[dst + b] = block[b * nBins + k]!;
  }
}

/** Frame count of a centred STFT of `length` samples: 1 + ⌊length / hop⌋ for even nFft (librosa 0.11). */
export function frameCount(length: number, nFft: number, hopLengthSamples: number, center = true): number {
  const padded = center ? length + 2 * Math.floor(nFft / 2) : length;
  return padded < nFft ? 0 : 1 + Math.floor((padded - nFft) / hopLengthSamples);
}

/** The complex STFT as complex64 (float32 re/im), [bin][frame]. Throws NonFiniteAudio / InvalidParameter. */
export function stft(y: Float32Array, options: StftOptions = {}): ComplexSpectrogram {
  const nFft = options.nFft ?? 2048;
  const nBins = Math.floor(nFft / 2) + 1;
  const nFrames = frameCount(
    y.length,
    nFft,
    options.hopLengthSamples ?? Math.floor(nFft / 4),
    options.center ?? true,
  );
  const outRe = new Float32Array(nBins * Math.max(nFrames, 0));
  const outIm = new Float32Array(outRe.length);
  const scatterRe = createBlockScatter(outRe, nBins, nFrames);
  const scatterIm = createBlockScatter(outIm, nBins, nFrames);
  forEachFrame(y, options, (t, re, im) => {
    scatterRe.row(t).set(re);
    scatterIm.row(t).set(im);
    scatterRe.flush(t);
    scatterIm.flush(t);
  });
  return { re: outRe, im: outIm, nBins, nFrames };
}

/** |X|^power of one frame into `out` (librosa `np.abs(stft)**power` on complex64: float32 magnitude, then power). */
export function framePower(re: Float32Array, im: Float32Array, power: number, out: Float32Array): void {
  for (let k = 0; k < out.length; k++) {
    // parity: numpy takes |complex64| in float32, then raises to the power in float32. sqrt(r² + i²) in float64
    // of float32 parts cannot overflow and rounds like hypotf; Math.hypot is several times slower in V8.
    const r = re[k]!,
      i = im[k]!;
    const mag = Math.fround(Math.sqrt(r * r + i * i));
    out[k] = power === 1 ? mag : power === 2 ? mag * mag : mag ** power;
  }
}

/**
 * |STFT|^power as float32, [bin][frame] (librosa `_spectrogram`: `np.abs(stft)**power` on complex64).
 * Throws NonFiniteAudio / InvalidParameter.
 */
export function spectrogram(y: Float32Array, options: SpectrogramOptions = {}): Spectrogram {
  const power = options.power ?? 1;
  const nFft = options.nFft ?? 2048;
  const nBins = Math.floor(nFft / 2) + 1;
  const nFrames = frameCount(
    y.length,
    nFft,
    options.hopLengthSamples ?? Math.floor(nFft / 4),
    options.center ?? true,
  );
  const data = new Float32Array(nBins * Math.max(nFrames, 0));
  const scatter = createBlockScatter(data, nBins, nFrames);
  forEachPowerFrame(y, options, power, (t, values) => {
    scatter.row(t).set(values);
    scatter.flush(t);
  });
  return { data, nBins, nFrames };
}
