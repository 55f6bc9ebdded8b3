/**
 * Short-time Fourier transform with the semantics of librosa 0.11 `librosa.stft` / `_spectrogram`: periodic Hann
 * window of `winLengthSamples` centred in `nFft`, `center=True` padding with zeros (librosa ≥ 0.9) or numpy-style
 * reflection (librosa ≤ 0.8 feature code), frames T = 1 + ⌊(len + 2·⌊nFft/2⌋ − nFft)/hop⌋, unscaled rfft per frame.
 * Frames are transformed in float64 (numpy's rfft of a float64-windowed frame) and stored as float32 (complex64).
 * Output is in librosa's orientation, [bin][frame], row-major. It does not do the inverse STFT.
 */
import { InvalidParameter, NonFiniteAudio } from "./errors.js";
import { getRealFft } from "./internal/fft.js";
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
  return { nFft, hop, window, center: options.center ?? true, padMode: options.padMode ?? "constant" };
}

/** numpy `np.pad(mode="reflect")` index folding (no edge repeat; reflects again when the pad exceeds the signal). */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - j;
  return j;
}

function padSignal(y: Float32Array, pad: number, mode: PadMode): Float32Array {
  const out = new Float32Array(y.length + 2 * pad);
  out.set(y, pad);
  if (mode === "reflect") {
    for (let i = 0; i < pad; i++) {
      out[i] = y[reflectIndex(i - pad, y.length)]!;
      out[pad + y.length + i] = y[reflectIndex(y.length + i, y.length)]!;
    }
  }
  return out;
}

/** Visits every frame's rfft (float64) in order; shared by `stft` and `spectrogram`. */
function forEachFrame(
  y: Float32Array,
  options: StftOptions,
  visit: (frame: number, re: Float64Array, im: Float64Array, nFrames: number) => void,
): { nBins: number; nFrames: number } {
  assertFiniteAudio(y);
  if (y.length === 0) throw new InvalidParameter("y", "audio is empty");
  const { nFft, hop, window, center, padMode } = resolve(options);
  const signal = center ? padSignal(y, Math.floor(nFft / 2), padMode) : y;
  if (signal.length < nFft) {
    throw new InvalidParameter("nFft", `${nFft} is larger than the uncentered signal (${y.length} samples)`);
  }
  const nFrames = 1 + Math.floor((signal.length - nFft) / hop);
  const fft = getRealFft(nFft);
  const frame = new Float64Array(nFft);
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  for (let t = 0; t < nFrames; t++) {
    const start = t * hop;
    for (let i = 0; i < nFft; i++) frame[i] = window[i]! * signal[start + i]!;
    fft.forward(frame, re, im);
    visit(t, re, im, nFrames);
  }
  return { nBins: fft.bins, nFrames };
}

/** Block transpose of a rows × cols row-major matrix. */
function transpose(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(src.length);
  const block = 64;
  for (let r0 = 0; r0 < rows; r0 += block) {
    const r1 = Math.min(rows, r0 + block);
    for (let c0 = 0; c0 < cols; c0 += block) {
      const c1 = Math.min(cols, c0 + block);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * rows + r] = src[r * cols + c]!;
    }
  }
  return out;
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
  forEachFrame(y, options, (t, re, im, frames) => {
    for (let k = 0; k < nBins; k++) {
      outRe[k * frames + t] = re[k]!;
      outIm[k * frames + t] = im[k]!;
    }
  });
  return { re: outRe, im: outIm, nBins, nFrames };
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
  // Frames are written frame-major (contiguous) and transposed in cache-sized blocks at the end.
  const frameMajor = new Float32Array(nBins * Math.max(nFrames, 0));
  forEachFrame(y, options, (t, re, im) => {
    const row = t * nBins;
    for (let k = 0; k < nBins; k++) {
      // parity: numpy takes |complex64| in float32, then raises to the power in float32. sqrt(r² + i²) in float64
      // of float32 parts cannot overflow and rounds like hypotf; Math.hypot is several times slower in V8.
      const r = Math.fround(re[k]!),
        i = Math.fround(im[k]!);
      const mag = Math.fround(Math.sqrt(r * r + i * i));
      frameMajor[row + k] =
        power === 1 ? mag : power === 2 ? Math.fround(mag * mag) : Math.fround(mag ** power);
    }
  });
  return { data: transpose(frameMajor, nFrames, nBins), nBins, nFrames };
}
