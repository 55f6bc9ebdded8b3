import { describe, expect, it } from "vitest";
import { expected, paniniSequence } from "../test/kinematicsFixture.js";
import { inverseKinematics } from "./ik.js";
import { forwardKinematics } from "./kinematics.js";
import { axisAngleToMatrix } from "./rotations.js";

function maxJointError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 3)
    max = Math.max(max, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!, a[i + 2]! - b[i + 2]!));
  return max;
}

describe("inverseKinematics", () => {
  it("reproduces real motion's joint positions through FK within 1 cm (in fact to 1e-7 m)", () => {
    const targets = Float64Array.from(expected.joints24.flat());
    const ik = inverseKinematics(targets);
    const again = forwardKinematics({ rotations: ik.rotations, rootPositions: ik.rootPositions });
    // 1e-7: the goldens are rounded to 1e-8, so the targets' bones are not exactly rigid
    expect(maxJointError(again, targets)).toBeLessThan(1e-7);
  });

  it("reproduces EasyMocap camera-frame joints (root turned upside down) as well", () => {
    const seq = paniniSequence();
    const targets = forwardKinematics({ rotations: seq.poses, rootPositions: seq.trans });
    const ik = inverseKinematics(targets);
    const again = forwardKinematics({ rotations: ik.rotations, rootPositions: ik.rootPositions });
    expect(maxJointError(again, targets)).toBeLessThan(1e-9);
  });

  it("recovers the root orientation exactly (it is fixed by the pelvis's three children)", () => {
    const seq = paniniSequence();
    const targets = forwardKinematics({ rotations: seq.poses, rootPositions: seq.trans });
    const ik = inverseKinematics(targets);
    const roots = (poses: Float64Array): Float64Array =>
      axisAngleToMatrix(
        Float64Array.from({ length: seq.frames * 3 }, (_, i) => poses[Math.floor(i / 3) * 72 + (i % 3)]!),
      );
    const a = roots(ik.rotations),
      b = roots(seq.poses);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-9);
  });

  it("stays close when bone lengths disagree with the skeleton (targets stretched 10%)", () => {
    const targets = Float64Array.from(expected.joints24.flat());
    const stretched = targets.map(
      (v, i) => targets[i - (i % 72) + (i % 3)]! + 1.1 * (v - targets[i - (i % 72) + (i % 3)]!),
    );
    const ik = inverseKinematics(stretched);
    const again = forwardKinematics({ rotations: ik.rotations, rootPositions: ik.rootPositions });
    // each joint lands on its target's direction from the re-posed parent: only the length error remains
    expect(maxJointError(again, stretched)).toBeLessThan(0.2);
  });

  it("returns identity rotations for the rest pose", () => {
    const rest = forwardKinematics({ rotations: new Float64Array(72), rootPositions: new Float64Array(3) });
    const ik = inverseKinematics(rest);
    expect(Math.max(...ik.rotations.map(Math.abs))).toBeLessThan(1e-9);
  });
});
