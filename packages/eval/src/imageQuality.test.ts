import { describe, expect, it } from "vitest";
import { psnr, ssim } from "./imageQuality.js";

const W = 24,
  H = 20;
const a = Float64Array.from({ length: W * H }, (_, p) => ((p % W) * 7 + Math.floor(p / W) * 13) % 256);
const b = a.map((v, p) => v * 0.9 + 10 * Math.sin((p % W) * Math.floor(p / W)));

describe("ssim", () => {
  it("matches an independent numpy/scipy convolve2d('valid') computation", () => {
    // rtol 1e-12: both float64; golden from test/fixtures/imageQuality.py.
    expect(Math.abs(ssim(a, b, { width: W, height: H }) - 0.9632019526601947)).toBeLessThan(1e-12);
  });

  it("is 1 for identical images and averages interleaved channels", () => {
    expect(ssim(a, a, { width: W, height: H })).toBeCloseTo(1, 12);
    const two = new Float64Array(W * H * 2).map((_, i) => (i % 2 === 0 ? a[i >> 1]! : b[i >> 1]!));
    expect(ssim(two, two, { width: W, height: H, channels: 2 })).toBeCloseTo(1, 12);
  });

  it("rejects images smaller than the window with a tagged error", () => {
    expect(() => ssim(new Float64Array(25), new Float64Array(25), { width: 5, height: 5 })).toThrow(
      expect.objectContaining({ _tag: "InvalidMotionInput" }),
    );
  });
});

describe("psnr", () => {
  it("matches numpy and is Infinity for identical images", () => {
    expect(Math.abs(psnr(a, b) - 24.06918369726631)).toBeLessThan(1e-10);
    expect(psnr(a, a)).toBe(Infinity);
  });
});
