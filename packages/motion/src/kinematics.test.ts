import { describe, expect, it } from "vitest";
import { expected, maxAbsDiff, paniniSequence } from "../test/kinematicsFixture.js";
import { forwardKinematics, smpl24Tree } from "./kinematics.js";

describe("forwardKinematics", () => {
  it("matches EDGE's SMPLSkeleton.forward (numpy float64 port) on real EasyMocap motion within 1e-5 m", () => {
    const seq = paniniSequence();
    const joints = forwardKinematics({ rotations: seq.poses, rootPositions: seq.trans });
    // atol 1e-5: the fixture's poses went through float32 in the ingest reader
    expect(maxAbsDiff(joints, expected.fk_easymocap)).toBeLessThan(1e-5);
  });

  it("puts the rest pose at the cumulative EDGE offsets", () => {
    const joints = forwardKinematics({
      rotations: new Float64Array(72),
      rootPositions: Float64Array.from([1, 2, 3]),
    });
    // lankle (7) = root + lhip (1) + lknee (4) + lankle offsets
    const o = smpl24Tree.offsets;
    for (let c = 0; c < 3; c++)
      expect(joints[7 * 3 + c]).toBeCloseTo([1, 2, 3][c]! + o[3 + c]! + o[12 + c]! + o[21 + c]!, 12);
  });

  it("rotates children with their parent (90° about y at the root turns the left hip to -z)", () => {
    const rotations = new Float64Array(72);
    rotations[1] = Math.PI / 2;
    const joints = forwardKinematics({ rotations, rootPositions: new Float64Array(3) });
    const [x, y, z] = [0.05858135, -0.08228004, -0.01766408];
    expect(joints[3]).toBeCloseTo(z, 12);
    expect(joints[4]).toBeCloseTo(y, 12);
    expect(joints[5]).toBeCloseTo(-x, 12);
  });

  it("keeps Float32Array input as Float32Array output", () => {
    const joints = forwardKinematics({
      rotations: new Float32Array(72 * 2),
      rootPositions: new Float32Array(6),
    });
    expect(joints).toBeInstanceOf(Float32Array);
    expect(joints.length).toBe(2 * 72);
  });

  it("rejects rotations and root positions of different lengths", () => {
    expect(() =>
      forwardKinematics({ rotations: new Float64Array(72), rootPositions: new Float64Array(6) }),
    ).toThrow(RangeError);
  });
});
