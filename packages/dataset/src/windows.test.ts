import { describe, expect, it } from "vitest";
import { columnStats, planWindows, splitGroups } from "./index.js";

describe("planWindows", () => {
  it("places whole windows at the stride and drops the short tail", () => {
    expect(planWindows({ totalFrames: 240, fps: 30, windowSec: 5, strideSec: 2.5 })).toEqual([
      { startFrame: 0, frames: 150 },
      { startFrame: 75, frames: 150 },
    ]);
    expect(planWindows({ totalFrames: 100, fps: 30, windowSec: 5, strideSec: 1 })).toEqual([]);
  });
});

describe("splitGroups", () => {
  it("puts every group in one split, deterministically from the seed", () => {
    const groups = Array.from({ length: 10 }, (_, i) => `song${i}`);
    const a = splitGroups(groups, { seed: 3, valFraction: 0.2, testFraction: 0.2 });
    expect(splitGroups([...groups].reverse(), { seed: 3, valFraction: 0.2, testFraction: 0.2 })).toEqual(a);
    const counts = Object.values(a).reduce<Record<string, number>>(
      (c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ train: 6, val: 2, test: 2 });
    expect(splitGroups(groups, { seed: 4, valFraction: 0.2, testFraction: 0.2 })).not.toEqual(a);
  });
});

describe("columnStats", () => {
  it("gives population mean, std, min and max per column", () => {
    const s = columnStats([Float32Array.from([1, 10, 3, 30]), Float32Array.from([5, 50])], 2);
    expect(s.count).toBe(3);
    expect([...s.mean]).toEqual([3, 30]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect([...s.min]).toEqual([1, 10]);
    expect([...s.max]).toEqual([5, 50]);
  });
});
