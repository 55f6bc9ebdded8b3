/**
 * Band-limited resampling for rational rate ratios, following librosa 0.11 `librosa.resample` (ratio, output length
 * ⌈n·target/orig⌉ via `fix_length`, optional `scale` by √ratio, float32 out).
 * - `soxr_hq` is libsoxr itself (0.1.3, compiled to WebAssembly) called as python-soxr 0.3.7 does, so it is
 *   bit-identical to librosa's default resampler on Debian 12's libsoxr.
 * - `polyphase` is scipy 1.10 `signal.resample_poly(y, up, down)` exactly: a firwin Kaiser(β=5) low-pass of
 *   2·10·max(up, down)+1 taps (cast to float32, like scipy does for float32 input), zero-padded so output i sits on
 *   input time i·down/up.
 * It does not do arbitrary real ratios: both rates must be positive integers.
 */
import { InvalidParameter } from "./errors.js";
import { getFft, nextPowerOfTwo } from "./internal/fft.js";
import { firwinKaiser } from "./internal/firDesign.js";
import { soxrResample } from "./internal/soxrWasm.js";

export type ResampleType = "polyphase" | "soxr_hq";

export interface ResampleOptions {
  readonly origSampleRateHz: number;
  readonly targetSampleRateHz: number;
  /** Default "soxr_hq" (librosa's default, libsoxr itself); "polyphase" matches scipy exactly. */
  readonly resType?: ResampleType;
  /** Pad or trim to ⌈n·target/orig⌉ samples (librosa `fix=True`). Default true. */
  readonly fix?: boolean;
  /** Divide by √(target/orig) so energy is preserved (librosa `scale=True`, used inside the CQT). Default false. */
  readonly scale?: boolean;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const MAX_RATE_TERM = 1 << 14;

const filterCache = new Map<string, Float64Array>();

/** scipy's polyphase low-pass (gain `up`, float32-rounded taps) for a reduced up/down pair (cached). */
export function resampleFilter(up: number, down: number): Float64Array {
  const key = `${up}:${down}`;
  const cached = filterCache.get(key);
  if (cached !== undefined) return cached;
  const maxRate = Math.max(up, down);
  const h = firwinKaiser(2 * 10 * maxRate + 1, 1 / maxRate, 5);
  // parity: scipy casts the taps to the input dtype (float32) before `h *= up`.
  for (let i = 0; i < h.length; i++) h[i] = Math.fround(Math.fround(h[i]!) * up);
  filterCache.set(key, h);
  return h;
}

/**
 * Upsample by `up`, filter with the centred odd-length `h`, downsample by `down`; output i is centred on input time
 * i·down/up and there are ⌈n·up/down⌉ outputs (scipy `resample_poly`'s alignment and length).
 */
export function upFirDown(x: ArrayLike<number>, h: Float64Array, up: number, down: number): Float64Array {
  const nIn = x.length;
  const nOut = Math.ceil((nIn * up) / down);
  const last = h.length - 1;
  const halfLen = last / 2;
  const xs = Float64Array.from(x);
  // Reversed taps turn the inner loop into a forward dot product: h[t − m·up] = hr[last − t + m·up].
  const hr = h.slice().reverse();
  const out = new Float64Array(nOut);
  for (let i = 0; i < nOut; i++) {
    // Tap index of input m is t − m·up, where t = i·down + halfLen puts the filter centre on output i.
    const t = i * down + halfLen;
    const mLo = Math.max(0, Math.ceil((t - last) / up));
    const mHi = Math.min(nIn - 1, Math.floor(t / up));
    let acc = 0;
    for (let m = mLo, j = last - t + mLo * up; m <= mHi; m++, j += up) acc += xs[m]! * hr[j]!;
    out[i] = acc;
  }
  return out;
}

/** Filters longer than this decimate by FFT overlap-save instead of the direct sum. */
const FFT_MIN_TAPS = 128;

/**
 * `upFirDown` for up = 1 by overlap-save FFT convolution: two real blocks ride in one complex transform
 * (real and imaginary parts), since the taps are real. Same outputs as the direct sum up to float64 rounding.
 */
function decimateFft(x: ArrayLike<number>, h: Float64Array, down: number): Float64Array {
  const nIn = x.length;
  const nOut = Math.ceil(nIn / down);
  const taps = h.length;
  const halfLen = (taps - 1) / 2;
  const n = nextPowerOfTwo(Math.max(4 * taps, 4096));
  const block = n - taps + 1;
  const fft = getFft(n);
  const hRe = new Float64Array(n),
    hIm = new Float64Array(n);
  hRe.set(h);
  fft.forward(hRe, hIm);
  const re = new Float64Array(n),
    im = new Float64Array(n);
  const out = new Float64Array(nOut);
  const lastFull = (nOut - 1) * down + halfLen;
  const nBlocks = Math.ceil((lastFull + 1) / block);
  const fill = (dst: Float64Array, b: number): void => {
    const start = b * block - (taps - 1);
    for (let j = 0; j < n; j++) {
      const src = start + j;
      dst[j] = src >= 0 && src < nIn ? x[src]! : 0;
    }
  };
  const emit = (src: Float64Array, b: number): void => {
    // Block b holds full-rate outputs [b·block, (b+1)·block) at src[taps − 1 …]; keep those on the output grid.
    const n0 = b * block;
    const first = Math.max(0, Math.ceil((n0 - halfLen) / down));
    for (let i = first; i < nOut; i++) {
      const full = i * down + halfLen;
      if (full >= n0 + block) break;
      out[i] = src[full - n0 + taps - 1]!;
    }
  };
  for (let b = 0; b < nBlocks; b += 2) {
    fill(re, b);
    if (b + 1 < nBlocks) fill(im, b + 1);
    else im.fill(0);
    fft.forward(re, im);
    for (let k = 0; k < n; k++) {
      const ar = re[k]!,
        ai = im[k]!,
        br = hRe[k]!,
        bi = hIm[k]!;
      re[k] = ar * br - ai * bi;
      im[k] = ar * bi + ai * br;
    }
    fft.inverse(re, im);
    emit(re, b);
    if (b + 1 < nBlocks) emit(im, b + 1);
  }
  return out;
}

/** scipy `signal.resample_poly(x, up, down)` (Kaiser β=5 window), in float64. */
export function resamplePoly(x: ArrayLike<number>, up: number, down: number): Float64Array {
  const g = gcd(up, down);
  const u = up / g,
    d = down / g;
  if (u === 1 && d === 1) return Float64Array.from(x);
  const h = resampleFilter(u, d);
  return u === 1 && h.length >= FFT_MIN_TAPS ? decimateFft(x, h, d) : upFirDown(x, h, u, d);
}

/** librosa `resample(y, orig_sr, target_sr, res_type, fix, scale)` for integer rates; float32 in and out. */
export function resample(y: Float32Array, options: ResampleOptions): Float32Array {
  const { origSampleRateHz, targetSampleRateHz } = options;
  for (const [name, rate] of [
    ["origSampleRateHz", origSampleRateHz],
    ["targetSampleRateHz", targetSampleRateHz],
  ] as const) {
    if (!Number.isInteger(rate) || rate <= 0)
      throw new InvalidParameter(name, `must be a positive integer, got ${rate}`);
  }
  if (origSampleRateHz === targetSampleRateHz) return y;
  const g = gcd(origSampleRateHz, targetSampleRateHz);
  const up = targetSampleRateHz / g,
    down = origSampleRateHz / g;
  if (Math.max(up, down) > MAX_RATE_TERM) {
    throw new InvalidParameter(
      "targetSampleRateHz",
      `ratio ${targetSampleRateHz}/${origSampleRateHz} reduces to ${up}/${down}; terms above ${MAX_RATE_TERM} are not supported`,
    );
  }
  const ratio = targetSampleRateHz / origSampleRateHz;
  const nSamples = Math.ceil(y.length * ratio);
  const resType = options.resType ?? "soxr_hq";
  let out: Float32Array;
  if (resType === "soxr_hq") {
    out = soxrResample(y, origSampleRateHz, targetSampleRateHz);
  } else {
    // parity: scipy accumulates float32 input in float32; we accumulate in float64 and round once.
    out = Float32Array.from(resamplePoly(y, up, down));
  }
  if ((options.fix ?? true) && out.length !== nSamples) {
    // librosa `util.fix_length`: trim, or pad with zeros.
    const fixed = new Float32Array(nSamples);
    fixed.set(out.subarray(0, nSamples));
    out = fixed;
  }
  if (options.scale ?? false) {
    // parity: numpy divides the float32 array by the float64 √ratio cast to float32 (`y_hat /= np.sqrt(ratio)`).
    const root = Math.fround(Math.sqrt(ratio));
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / root;
  }
  return out;
}
