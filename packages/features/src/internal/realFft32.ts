/**
 * Real-input forward FFTs in float32 for the STFT: PFFFT (npm `@echogarden/pffft-wasm`, its wasm SIMD build) for
 * the sizes it supports, 32·2^a·3^b·5^c (every power of two from 32 up, so every n_fft the feature sets use), and
 * fft.ts's float64 transform rounded to float32 for the rest (odd or tiny n_fft). Plans are cached per size and
 * per thread; a plan owns its frame, output and work buffers (in the wasm memory for PFFFT) and reuses them for
 * every frame. Output is unscaled like numpy's `rfft`; `autocorrelate` adds the inverse of the power spectrum
 * (librosa's `autocorrelate`). It does not do general inverse or complex-input transforms.
 */
import { getFft, getRealFft } from "./fft.js";

/** One size's transform: write a frame into `input()`, then `forward(re, im)` fills `bins` complex bins. */
export interface RealFft32 {
  readonly size: number;
  readonly bins: number;
  /** The frame buffer (size samples); take it again after creating other plans, as wasm memory may move. */
  input(): Float32Array;
  forward(re: Float32Array, im: Float32Array): void;
  /** |X|^power of the frame into `out` (bins values), as `framePower` computes it from `forward`'s output. */
  power(out: Float32Array, power: number): void;
  /**
   * irfft(|rfft(input())|²)[0 … out.length): the circular autocorrelation of the frame (zero-pad it first);
   * input() is left as it was, so a zero tail stays zero from frame to frame.
   */
  autocorrelate(out: Float64Array): void;
}

/** The calls used from the emscripten module of @echogarden/pffft-wasm 0.4.2 (the package ships no types). */
interface PffftModule {
  readonly HEAPF32: Float32Array;
  _pffft_new_setup(size: number, transform: number): number;
  _pffft_transform_ordered(
    setup: number,
    input: number,
    output: number,
    work: number,
    direction: number,
  ): void;
  _pffft_aligned_malloc(bytes: number): number;
}

// The emscripten module instantiates asynchronously; loading this module waits for it once per thread. The
// specifier is a variable so that type checks of dependent packages do not look for the package's (absent) types.
const PFFFT_SIMD = "@echogarden/pffft-wasm/simd";
const { default: createPffft } = (await import(PFFFT_SIMD)) as { default: () => Promise<PffftModule> };
const pffft = await createPffft();
const PFFFT_REAL = 0;
const PFFFT_FORWARD = 0;
const PFFFT_BACKWARD = 1;

/** True when PFFFT has a real transform of this size: a multiple of 32 whose other prime factors are 2, 3, 5. */
export function isPffftSize(size: number): boolean {
  if (size < 32 || size % 32 !== 0) return false;
  let m = size / 32;
  for (const p of [2, 3, 5]) while (m % p === 0) m /= p;
  return m === 1;
}

/** PFFFT's ordered real output [X0, X(n/2), Re X1, Im X1, Re X2, …] to split re/im (a plain function: V8 keeps
 * its arguments in registers, where a closure's captured buffers would be reloaded every iteration). */
function unpackOrdered(output: Float32Array, half: number, re: Float32Array, im: Float32Array): void {
  re[0] = output[0]!;
  im[0] = 0;
  re[half] = output[1]!;
  im[half] = 0;
  for (let k = 1; k < half; k++) {
    re[k] = output[2 * k]!;
    im[k] = output[2 * k + 1]!;
  }
}

/**
 * |X|^power from PFFFT's ordered output; the same float32 steps as stft.ts `framePower` (numpy's |complex64|, then
 * the power in float32).
 */
function powerOfOrdered(output: Float32Array, half: number, out: Float32Array, power: number): void {
  const raise = (mag: number): number => (power === 1 ? mag : power === 2 ? mag * mag : mag ** power);
  out[0] = raise(Math.abs(output[0]!));
  out[half] = raise(Math.abs(output[1]!));
  for (let k = 1; k < half; k++) {
    const r = output[2 * k]!,
      i = output[2 * k + 1]!;
    out[k] = raise(Math.fround(Math.sqrt(r * r + i * i)));
  }
}

/** |X|² in place on PFFFT's ordered real spectrum (the result is a real, even spectrum in the same layout). */
function powerOrdered(spec: Float32Array): void {
  spec[0] = spec[0]! * spec[0]!;
  spec[1] = spec[1]! * spec[1]!;
  for (let k = 2; k < spec.length; k += 2) {
    const r = spec[k]!,
      i = spec[k + 1]!;
    spec[k] = r * r + i * i;
    spec[k + 1] = 0;
  }
}

/** out[lag] = signal[lag] / n: PFFFT's backward transform is unscaled. */
function scaledLags(signal: Float32Array, n: number, out: Float64Array): void {
  for (let lag = 0; lag < out.length; lag++) out[lag] = signal[lag]! / n;
}

function createPffftPlan(size: number): RealFft32 {
  const setup = pffft._pffft_new_setup(size, PFFFT_REAL);
  const inPtr = pffft._pffft_aligned_malloc(size * 4);
  const outPtr = pffft._pffft_aligned_malloc(size * 4);
  const workPtr = pffft._pffft_aligned_malloc(size * 4);
  const lagsPtr = pffft._pffft_aligned_malloc(size * 4);
  if (setup === 0 || inPtr === 0 || outPtr === 0 || workPtr === 0 || lagsPtr === 0) {
    throw new RangeError(`[features] PFFFT cannot plan a real FFT of ${size} points`);
  }
  const half = size / 2;
  let heap = pffft.HEAPF32;
  let input = heap.subarray(inPtr >> 2, (inPtr >> 2) + size);
  let output = heap.subarray(outPtr >> 2, (outPtr >> 2) + size);
  let lags = heap.subarray(lagsPtr >> 2, (lagsPtr >> 2) + size);
  const views = (): void => {
    if (heap === pffft.HEAPF32) return;
    heap = pffft.HEAPF32;
    input = heap.subarray(inPtr >> 2, (inPtr >> 2) + size);
    output = heap.subarray(outPtr >> 2, (outPtr >> 2) + size);
    lags = heap.subarray(lagsPtr >> 2, (lagsPtr >> 2) + size);
  };
  return {
    size,
    bins: half + 1,
    input: () => (views(), input),
    forward: (re, im) => {
      views();
      pffft._pffft_transform_ordered(setup, inPtr, outPtr, workPtr, PFFFT_FORWARD);
      unpackOrdered(output, half, re, im);
    },
    power: (out, power) => {
      views();
      pffft._pffft_transform_ordered(setup, inPtr, outPtr, workPtr, PFFFT_FORWARD);
      powerOfOrdered(output, half, out, power);
    },
    autocorrelate: (out) => {
      views();
      pffft._pffft_transform_ordered(setup, inPtr, outPtr, workPtr, PFFFT_FORWARD);
      powerOrdered(output);
      pffft._pffft_transform_ordered(setup, outPtr, lagsPtr, workPtr, PFFFT_BACKWARD);
      scaledLags(lags, size, out);
    },
  };
}

function createFallbackPlan(size: number): RealFft32 {
  const plan = getRealFft(size);
  const complex = getFft(size);
  const acRe = new Float64Array(size);
  const acIm = new Float64Array(size);
  const frame = new Float32Array(size);
  const frame64 = new Float64Array(size);
  const re64 = new Float64Array(plan.bins);
  const im64 = new Float64Array(plan.bins);
  const re32 = new Float32Array(plan.bins);
  const im32 = new Float32Array(plan.bins);
  const forward = (re: Float32Array, im: Float32Array): void => {
    frame64.set(frame);
    plan.forward(frame64, re64, im64);
    re.set(re64);
    im.set(im64);
  };
  return {
    size,
    bins: plan.bins,
    input: () => frame,
    forward,
    power: (out, power) => {
      forward(re32, im32);
      for (let k = 0; k < plan.bins; k++) {
        const r = re32[k]!,
          i = im32[k]!;
        const mag = Math.fround(Math.sqrt(r * r + i * i));
        out[k] = power === 1 ? mag : power === 2 ? mag * mag : mag ** power;
      }
    },
    autocorrelate: (out) => {
      frame64.set(frame);
      plan.forward(frame64, re64, im64);
      acIm.fill(0);
      for (let k = 0; k < plan.bins; k++) {
        acRe[k] = re64[k]! * re64[k]! + im64[k]! * im64[k]!;
        if (k > 0) acRe[size - k] = acRe[k]!;
      }
      complex.inverse(acRe, acIm);
      for (let lag = 0; lag < out.length; lag++) out[lag] = acRe[lag]!;
    },
  };
}

const plans = new Map<number, RealFft32>();

/** The cached float32 real FFT plan of `size` points (any positive integer). */
export function getRealFft32(size: number): RealFft32 {
  let plan = plans.get(size);
  if (plan === undefined) {
    plan = isPffftSize(size) ? createPffftPlan(size) : createFallbackPlan(size);
    plans.set(size, plan);
  }
  return plan;
}
