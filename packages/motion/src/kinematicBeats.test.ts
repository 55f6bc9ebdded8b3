import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { kinematicBeats } from "./kinematicBeats.js";

// Goldens from Bailando's calc_db and FACT's motion_peak_onehot (numpy, scipy): test/fixtures/kinematicBeats.
interface Curve {
  speed: number[];
  beats: number[];
}
const golden = JSON.parse(
  gunzipSync(
    readFileSync(new URL("../test/fixtures/kinematicBeats/golden.json.gz", import.meta.url)),
  ).toString(),
) as { keypoints: number[]; joints3d: number[]; bailando3d: Curve; bailando2d: Curve; fact3d: Curve };

const joints3d = Float32Array.from(golden.joints3d);
const layout3d = { frames: 240, joints: 24, dims: 3 };

function expectCurve(actual: Float32Array, expected: readonly number[], rtol: number): void {
  expect(actual.length).toBe(expected.length);
  const max = Math.max(...expected.map(Math.abs));
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(rtol * max));
}

describe("kinematicBeats", () => {
  it("finds Bailando's motion beats (scipy's smoothed speed minima) on 3D joints", () => {
    const { beats, speed } = kinematicBeats(joints3d, layout3d);
    expectCurve(speed, golden.bailando3d.speed, 1e-6); // float32 speeds, float64 filter cast to float32
    expect(beats).toEqual(golden.bailando3d.beats);
  });

  it("reads x, y of 2D keypoints through a stride, skipping the score channel", () => {
    const layout = { frames: 305, joints: 17, dims: 2, stride: 3 };
    const { beats, speed } = kinematicBeats(Float32Array.from(golden.keypoints), layout);
    expectCurve(speed, golden.bailando2d.speed, 1e-6);
    expect(beats).toEqual(golden.bailando2d.beats);
  });

  it("finds FACT's motion beats (order-10 minima of the summed speed, frame 0 at zero)", () => {
    const { beats, speed } = kinematicBeats(joints3d, layout3d, { reference: "fact" });
    expect(speed[0]).toBe(0);
    expectCurve(speed, golden.fact3d.speed, 1e-6); // float32 sums in numpy's pairwise order
    expect(beats).toEqual(golden.fact3d.beats);
  });

  it("gives no beats for still motion or fewer than three frames", () => {
    expect(kinematicBeats(new Float32Array(50 * 72).fill(0.5), { ...layout3d, frames: 50 }).beats).toEqual(
      [],
    );
    expect(kinematicBeats(new Float32Array(2 * 72), { ...layout3d, frames: 2 }).beats).toEqual([]);
  });
});
