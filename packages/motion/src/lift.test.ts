import { describe, expect, it } from "vitest";
import { expected } from "../test/kinematicsFixture.js";
import { joints24 } from "./representations.js";
import { easyMocapCamera, intrinsicMatrix, rootTranslationFrom2d } from "./liftCamera.js";
import { liftBlazePoseWorld, normalizeBoneLengths, smplFromCameraJoints, smplFromJoints } from "./lift.js";
import { forwardKinematics, smpl24Tree } from "./kinematics.js";
import { easymocapToAistpp } from "./conventions.js";

/** BlazePose-like world landmarks (y down) placed on a real SMPL-24 frame (y up): a synthetic detector. */
function landmarksFromSmpl(j: Float64Array): Float64Array {
  const at = (k: number): number[] => [j[k * 3]!, j[k * 3 + 1]!, j[k * 3 + 2]!];
  const mix = (a: number[], b: number[], u: number): number[] => a.map((v, c) => v + u * (b[c]! - v));
  const head = at(15);
  const marks: number[][] = Array.from({ length: 33 }, () => head);
  marks[7] = mix(head, at(16), 0.3);
  marks[8] = mix(head, at(17), 0.3);
  [
    [11, 16],
    [12, 17],
    [13, 18],
    [14, 19],
    [15, 20],
    [16, 21],
    [23, 1],
    [24, 2],
    [25, 4],
    [26, 5],
    [27, 7],
    [28, 8],
  ].forEach(([m, s]) => (marks[m!] = at(s!)));
  [17, 19].forEach((m) => (marks[m] = at(22)));
  [18, 20].forEach((m) => (marks[m] = at(23)));
  marks[29] = mix(at(7), at(10), -0.3);
  marks[31] = mix(at(7), at(10), 1.1);
  marks[30] = mix(at(8), at(11), -0.3);
  marks[32] = mix(at(8), at(11), 1.1);
  return Float64Array.from(marks.flatMap(([x, y, z]) => [x!, -y!, -z!]));
}

function boneLength(j: Float64Array, a: number, b: number): number {
  return Math.hypot(j[a * 3]! - j[b * 3]!, j[a * 3 + 1]! - j[b * 3 + 1]!, j[a * 3 + 2]! - j[b * 3 + 2]!);
}

describe("liftBlazePoseWorld", () => {
  const truth = Float64Array.from(expected.joints24[0]!);
  const lifted = liftBlazePoseWorld(landmarksFromSmpl(truth));

  it("gives 24 joints with EDGE's bone lengths", () => {
    expect(lifted.length).toBe(72);
    smpl24Tree.parents.forEach((p, j) => {
      if (p < 0) return;
      const o = smpl24Tree.offsets;
      expect(boneLength(lifted, p, j)).toBeCloseTo(Math.hypot(o[j * 3]!, o[j * 3 + 1]!, o[j * 3 + 2]!), 9);
    });
  });

  it("lands limbs near the body they came from (wrists and ankles within 10 cm, y up)", () => {
    for (const j of [7, 8, 20, 21])
      expect(
        boneLength(
          Float64Array.from([...lifted.subarray(j * 3, j * 3 + 3), ...truth.subarray(j * 3, j * 3 + 3)]),
          0,
          1,
        ),
      ).toBeLessThan(0.1);
  });

  it("goes through IK to SMPL whose FK is within 3 cm of the lifted joints", () => {
    const seq = smplFromJoints(lifted, { fps: 30 });
    const again = joints24(seq).data;
    let max = 0;
    for (let j = 0; j < 24; j++)
      max = Math.max(
        max,
        boneLength(
          Float64Array.from([...again.subarray(j * 3, j * 3 + 3), ...lifted.subarray(j * 3, j * 3 + 3)]),
          0,
          1,
        ),
      );
    expect(max).toBeLessThan(0.03);
  });
});

describe("normalizeBoneLengths", () => {
  it("leaves joints made by the same skeleton unchanged", () => {
    const truth = Float64Array.from(expected.joints24.flat());
    const out = normalizeBoneLengths(truth);
    expect(Math.max(...out.map((v, i) => Math.abs(v - truth[i]!)))).toBeLessThan(1e-7);
  });
});

describe("smplFromCameraJoints", () => {
  it("inverts EasyMocap's pelvis placement: converting to AIST++ puts joints24 at the input minus J0", () => {
    const seq = {
      frames: 1,
      fps: 30,
      poses: new Float64Array(72),
      trans: new Float64Array(3),
      scaling: 1,
      convention: "aistpp" as const,
    };
    seq.poses[0] = Math.PI; // upside down in camera axes = upright
    const camera = forwardKinematics({
      rotations: seq.poses,
      rootPositions: Float64Array.from([0.1, -0.2, 2.5]),
    });
    const smpl = smplFromCameraJoints(camera, { fps: 30 });
    const upright = joints24(easymocapToAistpp(smpl)).data;
    // pelvis: camera (0.1, −0.2, 2.5) → y up (0.1, 0.2, −2.5), minus J0
    expect(upright[0]).toBeCloseTo(0.1 + 0.001795, 9);
    expect(upright[1]).toBeCloseTo(0.2 + 0.223333, 9);
    expect(upright[2]).toBeCloseTo(-2.5 - 0.028219, 9);
  });
});

describe("easyMocapCamera", () => {
  it("uses 1.2 × min(w, h) as EasyMocap (JustLMD's 1280×720 frames carry f = 864)", () => {
    expect(intrinsicMatrix(easyMocapCamera({ widthPx: 1280, heightPx: 720 }))).toEqual([
      [864, 0, 640],
      [0, 864, 360],
      [0, 0, 1],
    ]);
    expect(easyMocapCamera({ widthPx: 1280, heightPx: 720, focalOf: "max" }).focalPx).toBeCloseTo(1536, 9);
  });
});

describe("rootTranslationFrom2d", () => {
  it("recovers the translation that projected the joints", () => {
    const camera = easyMocapCamera({ widthPx: 1280, heightPx: 720 });
    const rel = Float64Array.from(expected.fk_easymocap[0]!).map((v, i, a) => v - a[i % 3]!);
    const t = [0.3, -0.1, 2.4];
    const keypoints = new Float64Array(rel.length);
    for (let j = 0; j < 24; j++) {
      const [x, y, z] = [rel[j * 3]! + t[0]!, rel[j * 3 + 1]! + t[1]!, rel[j * 3 + 2]! + t[2]!];
      keypoints.set(
        [(camera.focalPx * x) / z + camera.cxPx, (camera.focalPx * y) / z + camera.cyPx, 1],
        j * 3,
      );
    }
    const solved = rootTranslationFrom2d({ joints: rel, keypoints, jointsPerFrame: 24, camera });
    for (let c = 0; c < 3; c++) expect(solved[c]).toBeCloseTo(t[c]!, 9);
  });

  it("gives NaN for a frame where no joint is seen", () => {
    const camera = easyMocapCamera({ widthPx: 640, heightPx: 480 });
    const solved = rootTranslationFrom2d({
      joints: new Float64Array(72),
      keypoints: new Float64Array(72),
      jointsPerFrame: 24,
      camera,
    });
    expect(Number.isNaN(solved[0])).toBe(true);
  });
});
