/**
 * PSNR and SSIM for generated video frames against references. PSNR = 10·log10(R² / MSE) over all samples.
 * SSIM follows Wang et al. 2004 (the authors' `ssim_index.m`): an 11×11 Gaussian window (σ 1.5), K1 0.01,
 * K2 0.03, statistics over the 'valid' region only, averaged; multi-channel images average per channel.
 * No colour conversion and no downsampling (the MATLAB script's automatic downsampling is not applied).
 */
import { InvalidMotionInput } from "./errors.js";

export interface ImageShape {
  readonly width: number;
  readonly height: number;
  /** Interleaved channels per pixel; default 1. */
  readonly channels?: number;
}

/** Peak signal-to-noise ratio in dB; Infinity for identical images. `dataRange` defaults to 255. */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>, dataRange = 255): number {
  if (a.length !== b.length || a.length === 0)
    throw new InvalidMotionInput(
      "frames",
      `PSNR needs equal non-empty images, got ${a.length} and ${b.length}`,
    );
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i]! - b[i]!) ** 2;
  return 10 * Math.log10((dataRange * dataRange) / (se / a.length));
}

function gaussianWindow(size: number, sigma: number): Float64Array {
  const w = new Float64Array(size);
  const r = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += w[i] = Math.exp(-((i - r) ** 2) / (2 * sigma * sigma));
  return w.map((v) => v / sum);
}

/** Separable 'valid' filtering of one channel. */
function filterValid(x: Float64Array, width: number, height: number, w: Float64Array): Float64Array {
  const k = w.length;
  const ow = width - k + 1,
    oh = height - k + 1;
  const rows = new Float64Array(height * ow);
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < ow; i++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += w[t]! * x[y * width + i + t]!;
      rows[y * ow + i] = s;
    }
  }
  const out = new Float64Array(oh * ow);
  for (let j = 0; j < oh; j++) {
    for (let i = 0; i < ow; i++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += w[t]! * rows[(j + t) * ow + i]!;
      out[j * ow + i] = s;
    }
  }
  return out;
}

export interface SsimOptions {
  readonly dataRange?: number;
  readonly windowSize?: number;
  readonly sigma?: number;
}

/** Mean SSIM of two images of the same shape (channels averaged). */
export function ssim(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  shape: ImageShape,
  options: SsimOptions = {},
): number {
  const { width, height } = shape;
  const channels = shape.channels ?? 1;
  const size = options.windowSize ?? 11;
  if (a.length !== width * height * channels || b.length !== a.length)
    throw new InvalidMotionInput("frames", "SSIM images do not match their shape");
  if (width < size || height < size)
    throw new InvalidMotionInput("frames", `SSIM needs images of at least ${size}×${size}`);
  const w = gaussianWindow(size, options.sigma ?? 1.5);
  const range = options.dataRange ?? 255;
  const c1 = (0.01 * range) ** 2,
    c2 = (0.03 * range) ** 2;
  let total = 0;
  for (let ch = 0; ch < channels; ch++) {
    const x = new Float64Array(width * height),
      y = new Float64Array(width * height);
    for (let p = 0; p < width * height; p++) {
      x[p] = a[p * channels + ch]!;
      y[p] = b[p * channels + ch]!;
    }
    const mx = filterValid(x, width, height, w),
      my = filterValid(y, width, height, w);
    const sxx = filterValid(
      x.map((v) => v * v),
      width,
      height,
      w,
    );
    const syy = filterValid(
      y.map((v) => v * v),
      width,
      height,
      w,
    );
    const sxy = filterValid(
      x.map((v, i) => v * y[i]!),
      width,
      height,
      w,
    );
    let sum = 0;
    for (let i = 0; i < mx.length; i++) {
      const ux = mx[i]!,
        uy = my[i]!;
      const vx = sxx[i]! - ux * ux,
        vy = syy[i]! - uy * uy,
        cxy = sxy[i]! - ux * uy;
      sum += ((2 * ux * uy + c1) * (2 * cxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
    }
    total += sum / mx.length;
  }
  return total / channels;
}
