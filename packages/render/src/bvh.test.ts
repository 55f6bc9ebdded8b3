import { readFile } from "node:fs/promises";
import { Vector3, type Bone } from "three";
import { BVHLoader } from "three/examples/jsm/loaders/BVHLoader.js";
import { describe, expect, it } from "vitest";
import { joints24, parseMotion, smpl24Joints } from "@choreo/motion";
import { bvhJointOrder, formatBvh } from "./bvh.js";
import { eulerToMatrix, matrixToEuler } from "./euler.js";
import { EulerOrderSchema } from "./schema.js";

const fixture = new URL("../../ingest/test/fixtures/easymocap/smplfull_small.json", import.meta.url);

/** World joint positions (T×24×3, metres) of a BVH by three.js: parsed, posed frame by frame, world matrices. */
function threeFk(
  text: string,
  metresPerUnit: number,
): { frames: number; frameTime: number; positions: Float64Array } {
  const { skeleton, clip } = new BVHLoader().parse(text);
  const bones = new Map(skeleton.bones.map((b: Bone) => [b.name, b]));
  const frameTimes = clip.tracks[0]!.times;
  const frames = frameTimes.length;
  const positions = new Float64Array(frames * 24 * 3);
  const world = new Vector3();
  for (let t = 0; t < frames; t++) {
    for (const track of clip.tracks) {
      const [name = "", property] = track.name.split(".");
      const bone = bones.get(name)!;
      const v = track.values;
      if (property === "position") bone.position.fromArray(v, t * 3);
      else bone.quaternion.fromArray(v, t * 4);
    }
    skeleton.bones[0]!.updateMatrixWorld(true);
    smpl24Joints.forEach((name, j) => {
      bones.get(name)!.getWorldPosition(world);
      positions.set(
        [world.x * metresPerUnit, world.y * metresPerUnit, world.z * metresPerUnit],
        (t * 24 + j) * 3,
      );
    });
  }
  return { frames, frameTime: frames > 1 ? frameTimes[1]! - frameTimes[0]! : 0, positions };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe("formatBvh", () => {
  it("parses in three.js with choreo's FK within 1 mm on a real-format EasyMocap file, in every Euler order", async () => {
    const seq = parseMotion(await readFile(fixture), fixture.pathname, { fps: 30 });
    const expected = joints24(seq).data;
    for (const eulerOrder of EulerOrderSchema.options) {
      const parsed = threeFk(formatBvh(seq, { eulerOrder }), 0.01);
      expect(parsed.frames).toBe(5);
      expect(parsed.frameTime).toBeCloseTo(1 / 30, 6);
      // 1 mm: the bound; float64 FK vs three's float32 matrices and 6-decimal text give ~1e-5 m
      const error = maxAbsDiff(parsed.positions, expected);
      expect(error).toBeLessThan(1e-3);
      expect(error).toBeLessThan(1e-5); // measured 1.6e-7 m: a looser fit means a real mismatch, not rounding
    }
  });

  it("keeps the source frame rate and metre units when asked", async () => {
    const seq = parseMotion(await readFile(fixture), fixture.pathname, { fps: 60 });
    const text = formatBvh(seq, { unit: "m" });
    expect(text).toMatch(/Frame Time: 0\.016666667/);
    expect(maxAbsDiff(threeFk(text, 1).positions, joints24(seq).data)).toBeLessThan(1e-3);
  });

  it("lists joints depth first, root first", () => {
    const order = bvhJointOrder();
    expect(order[0]).toBe(0);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, j) => j));
  });
});

describe("matrixToEuler", () => {
  it("inverts eulerToMatrix for every order, gimbal lock included", () => {
    const out = new Float64Array(3);
    for (const order of EulerOrderSchema.options) {
      for (const angles of [
        [0.3, -0.7, 1.9],
        [-2.5, 0.2, 0.4],
        [0.4, Math.PI / 2, 0],
        [1, -Math.PI / 2, 0],
      ] as [number, number, number][]) {
        const m = eulerToMatrix(angles, order);
        matrixToEuler(m, 0, order, out);
        // 1e-9: float64 round trip
        expect(maxAbsDiff(eulerToMatrix([out[0]!, out[1]!, out[2]!], order), m)).toBeLessThan(1e-9);
      }
    }
  });
});
