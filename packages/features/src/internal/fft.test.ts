import { describe, expect, it } from "vitest";
import { getFft, getRealFft } from "./fft.js";

function naiveDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      re[k]! += x[j]! * Math.cos(a);
      im[k]! += x[j]! * Math.sin(a);
    }
  }
  return { re, im };
}

const signal = (n: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + ((i * 7919) % 13) / 13 - 0.5);

describe("getRealFft", () => {
  for (const n of [1, 2, 8, 64, 2048, 7, 384, 1000, 1023, 2049]) {
    it(`matches a naive DFT at n=${n}`, () => {
      const x = signal(n);
      const ref = naiveDft(x);
      const plan = getRealFft(n);
      const re = new Float64Array(plan.bins);
      const im = new Float64Array(plan.bins);
      plan.forward(x, re, im);
      expect(plan.bins).toBe(Math.floor(n / 2) + 1);
      for (let k = 0; k < plan.bins; k++) {
        // atol 1e-9·n: float64 rounding of an O(n) sum
        expect(Math.abs(re[k]! - ref.re[k]!)).toBeLessThan(1e-9 * n);
        expect(Math.abs(im[k]! - ref.im[k]!)).toBeLessThan(1e-9 * n);
      }
    });
  }
});

describe("getFft", () => {
  for (const n of [16, 12, 97]) {
    it(`inverts its forward transform at n=${n}`, () => {
      const x = signal(n);
      const re = Float64Array.from(x);
      const im = signal(n).reverse();
      const im0 = Float64Array.from(im);
      const plan = getFft(n);
      plan.forward(re, im);
      plan.inverse(re, im);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(re[i]! - x[i]!)).toBeLessThan(1e-12);
        expect(Math.abs(im[i]! - im0[i]!)).toBeLessThan(1e-12);
      }
    });
  }
});
