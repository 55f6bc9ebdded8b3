import { describe, expect, it } from "vitest";
import { cosineAlphaBars, ddimTimes } from "./diffusion.js";

describe("ddimTimes", () => {
  it("gives EDGE's 50 steps 999, 979, …, 19, -1", () => {
    const pairs = ddimTimes(1000, 50);
    expect(pairs.length).toBe(50);
    expect(pairs[0]).toEqual([999, 979]);
    expect(pairs.at(-1)).toEqual([19, -1]);
  });
});

describe("cosineAlphaBars", () => {
  it("falls from near 1 to near 0 with β clipped at 0.999", () => {
    const a = cosineAlphaBars(1000);
    expect(a[0]!).toBeGreaterThan(0.9999);
    expect(a[999]!).toBeLessThan(1e-6);
    for (let t = 1; t < 1000; t++) expect(a[t]! / a[t - 1]!).toBeGreaterThanOrEqual(0.001 - 1e-12);
  });
});
