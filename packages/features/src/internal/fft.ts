/**
 * Fast Fourier transforms in float64 (where librosa computes in float64: tempogram autocorrelation, CQT filter
 * design, the inverse STFT, FFT resampling): power-of-two complex transforms by fft.js (npm, radix-4), Bluestein's
 * chirp-z algorithm over those for other lengths, and a real FFT that packs an even-length real signal into a
 * half-length complex transform. Plans are cached per size and reuse their buffers; a plan is not re-entrant
 * across threads, but JavaScript gives each worker its own module instance. The forward transform is unscaled
 * (numpy's `rfft`/`fft`); `inverse` divides by n (`ifft`). The STFT's float32 transform is realFft32.ts.
 */
import FFT from "fft.js";

/** An in-place complex FFT of one size on split real/imaginary float64 arrays. */
export interface FftPlan {
  readonly size: number;
  /** Forward transform, unscaled: X[k] = Σ x[j]·e^(−2πijk/n). */
  forward(re: Float64Array, im: Float64Array): void;
  /** Inverse transform, scaled by 1/n (numpy's `ifft`). */
  inverse(re: Float64Array, im: Float64Array): void;
}

/** A real-input FFT: `size` samples in, `bins = size/2 + 1` (floor) complex bins out, unscaled (numpy's `rfft`). */
export interface RealFftPlan {
  readonly size: number;
  readonly bins: number;
  forward(input: Float64Array, outRe: Float64Array, outIm: Float64Array): void;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** fft.js on its interleaved Array buffers (V8 keeps them as unboxed doubles), copied from and to split re/im. */
function createPowerOfTwo(size: number): FftPlan {
  const fft = new FFT(size);
  const input = new Array<number>(2 * size).fill(0);
  const output = new Array<number>(2 * size).fill(0);
  const run = (re: Float64Array, im: Float64Array, inverse: boolean): void => {
    for (let i = 0; i < size; i++) {
      input[2 * i] = re[i]!;
      input[2 * i + 1] = im[i]!;
    }
    if (inverse) fft.inverseTransform(output, input);
    else fft.transform(output, input);
    for (let i = 0; i < size; i++) {
      re[i] = output[2 * i]!;
      im[i] = output[2 * i + 1]!;
    }
  };
  return { size, forward: (re, im) => run(re, im, false), inverse: (re, im) => run(re, im, true) };
}

/** Bluestein's algorithm: an n-point DFT as a circular convolution of chirps of power-of-two length m ≥ 2n−1. */
function createBluestein(size: number): FftPlan {
  const m = nextPowerOfTwo(2 * size - 1);
  const inner = getFft(m);
  const chirpRe = new Float64Array(size);
  const chirpIm = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    // k² mod 2n keeps the angle small, so the chirp stays accurate for large n.
    const angle = (Math.PI * ((k * k) % (2 * size))) / size;
    chirpRe[k] = Math.cos(angle);
    chirpIm[k] = -Math.sin(angle);
  }
  const kernelRe = new Float64Array(m);
  const kernelIm = new Float64Array(m);
  for (let k = 0; k < size; k++) {
    kernelRe[k] = chirpRe[k]!;
    kernelIm[k] = -chirpIm[k]!;
    if (k > 0) {
      kernelRe[m - k] = chirpRe[k]!;
      kernelIm[m - k] = -chirpIm[k]!;
    }
  }
  inner.forward(kernelRe, kernelIm);
  const workRe = new Float64Array(m);
  const workIm = new Float64Array(m);
  const forward = (re: Float64Array, im: Float64Array): void => {
    workRe.fill(0);
    workIm.fill(0);
    for (let k = 0; k < size; k++) {
      const xr = re[k]!,
        xi = im[k]!,
        cr = chirpRe[k]!,
        ci = chirpIm[k]!;
      workRe[k] = xr * cr - xi * ci;
      workIm[k] = xr * ci + xi * cr;
    }
    inner.forward(workRe, workIm);
    for (let k = 0; k < m; k++) {
      const ar = workRe[k]!,
        ai = workIm[k]!,
        br = kernelRe[k]!,
        bi = kernelIm[k]!;
      workRe[k] = ar * br - ai * bi;
      workIm[k] = ar * bi + ai * br;
    }
    inner.inverse(workRe, workIm);
    for (let k = 0; k < size; k++) {
      const xr = workRe[k]!,
        xi = workIm[k]!,
        cr = chirpRe[k]!,
        ci = chirpIm[k]!;
      re[k] = xr * cr - xi * ci;
      im[k] = xr * ci + xi * cr;
    }
  };
  return {
    size,
    forward,
    inverse: (re, im) => {
      for (let i = 0; i < size; i++) im[i] = -im[i]!;
      forward(re, im);
      for (let i = 0; i < size; i++) {
        re[i] = re[i]! / size;
        im[i] = -im[i]! / size;
      }
    },
  };
}

const complexPlans = new Map<number, FftPlan>();
const realPlans = new Map<number, RealFftPlan>();

/** The cached complex FFT plan of `size` points (any positive integer). */
export function getFft(size: number): FftPlan {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`[features] FFT size must be a positive integer, got ${size}`);
  let plan = complexPlans.get(size);
  if (plan === undefined) {
    plan =
      size === 1
        ? { size, forward: () => {}, inverse: () => {} }
        : isPowerOfTwo(size)
          ? createPowerOfTwo(size)
          : createBluestein(size);
    complexPlans.set(size, plan);
  }
  return plan;
}

function createOddRealFft(size: number): RealFftPlan {
  const plan = getFft(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const bins = (size >> 1) + 1;
  return {
    size,
    bins,
    forward: (input, outRe, outIm) => {
      re.set(input.subarray(0, size));
      im.fill(0);
      plan.forward(re, im);
      outRe.set(re.subarray(0, bins));
      outIm.set(im.subarray(0, bins));
    },
  };
}

/** Even sizes: pack x[2j] + i·x[2j+1] into an n/2-point complex FFT, then split the spectra. */
function createEvenRealFft(size: number): RealFftPlan {
  const half = size >> 1;
  const plan = getFft(half);
  const zr = new Float64Array(half);
  const zi = new Float64Array(half);
  const cos = new Float64Array(half + 1);
  const sin = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / size);
    sin[k] = Math.sin((2 * Math.PI * k) / size);
  }
  return {
    size,
    bins: half + 1,
    forward: (input, outRe, outIm) => {
      for (let j = 0; j < half; j++) {
        zr[j] = input[2 * j]!;
        zi[j] = input[2 * j + 1]!;
      }
      plan.forward(zr, zi);
      for (let k = 0; k <= half; k++) {
        const a = zr[k % half]!,
          b = zi[k % half]!;
        const c = zr[(half - k) % half]!,
          d = zi[(half - k) % half]!;
        const er = (a + c) / 2,
          ei = (b - d) / 2;
        const or = (b + d) / 2,
          oi = (c - a) / 2;
        const wr = cos[k]!,
          ws = sin[k]!;
        outRe[k] = er + or * wr + oi * ws;
        outIm[k] = ei + oi * wr - or * ws;
      }
    },
  };
}

/** The cached real FFT plan of `size` points (any positive integer). */
export function getRealFft(size: number): RealFftPlan {
  let plan = realPlans.get(size);
  if (plan === undefined) {
    getFft(size % 2 === 0 ? Math.max(1, size >> 1) : size);
    plan = size % 2 === 0 ? createEvenRealFft(size) : createOddRealFft(size);
    realPlans.set(size, plan);
  }
  return plan;
}
