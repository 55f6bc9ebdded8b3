import { describe, expect, it } from "vitest";
import { clipQuality, frameQuality } from "./quality.js";
import { initialCropRegion, isIdentityJump, nextCropRegion } from "./tracking.js";
import { smoothKeypoints } from "./oneEuro.js";

/** A standing COCO-17 pose centred at (cx, cy), 100 px tall, every score `score`. */
function pose(cx: number, cy: number, score = 0.8): Float32Array {
  const offsets: [number, number][] = [
    [0, -45], [-3, -47], [3, -47], [-6, -45], [6, -45], [-15, -30], [15, -30], [-18, -10], [18, -10],
    [-20, 8], [20, 8], [-10, 5], [10, 5], [-10, 28], [10, 28], [-10, 50], [10, 50],
  ]; // prettier-ignore
  return Float32Array.from(offsets.flatMap(([dx, dy]) => [cx + dx, cy + dy, score]));
}

describe("frameQuality", () => {
  it("flags frames without a person and never marks them present", () => {
    const { flags, present } = frameQuality([undefined, pose(100, 100, 0.05), pose(100, 100)], {
      width: 200,
      height: 200,
    });
    expect(flags).toEqual([["no-person"], ["no-person"], []]);
    expect([...present]).toEqual([0, 0, 1]);
  });

  it("flags low confidence, limb ends outside the frame, jumps and reacquisition", () => {
    const frames = [
      pose(100, 100),
      pose(100, 100, 0.3),
      pose(100, 170),
      pose(160, 100),
      undefined,
      pose(160, 100),
    ];
    const { flags } = frameQuality(frames, { width: 200, height: 200 });
    expect(flags).toEqual([
      [],
      ["low-confidence"],
      ["limbs-out-of-view", "identity-switch"],
      ["identity-switch"],
      ["no-person"],
      ["reacquired"],
    ]);
  });
});

describe("clipQuality", () => {
  it("summarises frame flags", () => {
    expect(clipQuality([["no-person"], ["no-person"]])).toEqual(["no-person"]);
    expect(clipQuality([])).toEqual(["no-person"]);
    expect(clipQuality([[], ["no-person"], ["reacquired"], []])).toEqual([
      "person-missing",
      "identity-switch",
    ]);
    expect(clipQuality([[], [], [], ["limbs-out-of-view"]])).toEqual([]);
  });
});

describe("nextCropRegion", () => {
  it("pads a wide frame to a centred square when there is no torso", () => {
    expect(initialCropRegion(200, 100)).toEqual({ yMin: -0.5, xMin: 0, yMax: 1.5, xMax: 1 });
    expect(nextCropRegion(pose(100, 100, 0.1), 200, 100)).toEqual(initialCropRegion(200, 100));
  });

  it("centres a square on the hips, sized by the body's extent (MoveNet's margins)", () => {
    const crop = nextCropRegion(pose(300, 300), 600, 600);
    // hips at (300, 305): torso reach 35 px (shoulders), body reach 50 px (nose); half = max(1.9 × 35, 1.2 × 50)
    const half = Math.max(1.9 * 35, 1.2 * 50);
    expect(crop.xMin * 600).toBeCloseTo(300 - half, 4);
    expect(crop.yMin * 600).toBeCloseTo(305 - half, 4);
    expect((crop.xMax - crop.xMin) * 600).toBeCloseTo(2 * half, 4);
  });
});

describe("isIdentityJump", () => {
  it("accepts small moves and rejects a jump of half a body", () => {
    expect(isIdentityJump(pose(100, 100), pose(104, 101), { minScore: 0.2 })).toBe(false);
    expect(isIdentityJump(pose(100, 100), pose(150, 100), { minScore: 0.2 })).toBe(true);
  });
});

describe("smoothKeypoints", () => {
  it("reduces jitter of a still pose, leaves scores alone and restarts after a gap", () => {
    const frames = 40;
    const data = new Float32Array(frames * 51);
    const present = new Uint8Array(frames).fill(1);
    present[20] = 0;
    for (let t = 0; t < frames; t++) data.set(pose(100 + (t % 2 === 0 ? 2 : -2), 100, 0.5), t * 51);
    const raw = data.slice();
    smoothKeypoints(data, present, { joints: 17, channels: 3, fps: 30, scalePx: 200 });
    const wobble = (a: Float32Array, t: number): number => Math.abs(a[t * 51]! - a[(t - 1) * 51]!);
    expect(wobble(data, 19)).toBeLessThan(0.5 * wobble(raw, 19));
    expect(data[19 * 51 + 2]).toBe(0.5);
    expect(data[21 * 51]).toBe(raw[21 * 51]); // first frame after the gap is taken as is
  });
});
