/**
 * Real-input forward FFTs in float32 for the STFT: PFFFT (npm `@echogarden/pffft-wasm`, its wasm SIMD build) for
 * the sizes it supports, 32·2^a·3^b·5^c (every power of two from 32 up, so every n_fft librosa recipes use), and
 * fft.ts's float64 transform rounded to float32 for the rest (odd or tiny n_fft). Plans are cached per size and
 * per thread; a plan owns its frame, output and work buffers (in the wasm memory for PFFFT) and reuses them for
 * every frame. Output is unscaled like numpy's `rfft`. It does not do inverse or complex-input transforms.
 */
import createPffft, { type PffftModule } from "@echogarden/pffft-wasm/simd";
import { getRealFft } from "./fft.js";

/** One size's transform: write a frame into `input()`, then `forward(re, im)` fills `bins` complex bins. */
export interface RealFft32 {
  readonly size: number;
  readonly bins: number;
  /** The frame buffer (size samples); take it again after creating other plans, as wasm memory may move. */
  input(): Float32Array;
  forward(re: Float32Array, im: Float32Array): void;
}

// The emscripten module instantiates asynchronously; loading this module waits for it once per thread.
const pffft: PffftModule = await createPffft();
const PFFFT_REAL = 0;
const PFFFT_FORWARD = 0;

/** True when PFFFT has a real transform of this size: a multiple of 32 whose other prime factors are 2, 3, 5. */
export function isPffftSize(size: number): boolean {
  if (size < 32 || size % 32 !== 0) return false;
  let m = size / 32;
  for (const p of [2, 3, 5]) while (m % p === 0) m /= p;
  return m === 1;
}

function createPffftPlan(size: number): RealFft32 {
  const setup = pffft._pffft_new_setup(size, PFFFT_REAL);
  const inPtr = pffft._pffft_aligned_malloc(size * 4);
  const outPtr = pffft._pffft_aligned_malloc(size * 4);
  const workPtr = pffft._pffft_aligned_malloc(size * 4);
  if (setup === 0 || inPtr === 0 || outPtr === 0 || workPtr === 0) {
    throw new RangeError(`[features] PFFFT cannot plan a real FFT of ${size} points`);
  }
  const half = size / 2;
  let heap = pffft.HEAPF32;
  let input = heap.subarray(inPtr >> 2, (inPtr >> 2) + size);
  let output = heap.subarray(outPtr >> 2, (outPtr >> 2) + size);
  const views = (): void => {
    if (heap === pffft.HEAPF32) return;
    heap = pffft.HEAPF32;
    input = heap.subarray(inPtr >> 2, (inPtr >> 2) + size);
    output = heap.subarray(outPtr >> 2, (outPtr >> 2) + size);
  };
  return {
    size,
    bins: half + 1,
    input: () => (views(), input),
    forward: (re, im) => {
      views();
      pffft._pffft_transform_ordered(setup, inPtr, outPtr, workPtr, PFFFT_FORWARD);
      // Ordered real output: [X0, X(n/2), Re X1, Im X1, Re X2, …].
      re[0] = output[0]!;
      im[0] = 0;
      re[half] = output[1]!;
      im[half] = 0;
      for (let k = 1; k < half; k++) {
        re[k] = output[2 * k]!;
        im[k] = output[2 * k + 1]!;
      }
    },
  };
}

function createFallbackPlan(size: number): RealFft32 {
  const plan = getRealFft(size);
  const frame = new Float32Array(size);
  const frame64 = new Float64Array(size);
  const re64 = new Float64Array(plan.bins);
  const im64 = new Float64Array(plan.bins);
  return {
    size,
    bins: plan.bins,
    input: () => frame,
    forward: (re, im) => {
      frame64.set(frame);
      plan.forward(frame64, re64, im64);
      re.set(re64);
      im.set(im64);
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
