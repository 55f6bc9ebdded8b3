import { describe, expect, it } from "vitest";
import { expected, maxAbsDiff, paniniSequence } from "../test/kinematicsFixture.js";
import { aistppToEasymocap, easymocapToAistpp } from "./conventions.js";
import {
  edge151,
  fact219,
  joints24,
  motionRepresentation,
  representationDims,
  representationNames,
  smpl78,
} from "./representations.js";

describe("easymocapToAistpp", () => {
  it("matches the scipy golden (half turn about x, pelvis rest offset) on real motion", () => {
    const a = easymocapToAistpp(paniniSequence());
    expect(a.convention).toBe("aistpp");
    // compare rotations as matrices: axis-angle near π may flip sign
    const fact = fact219(a);
    expect(maxAbsDiff(fact.data, expected.fact219)).toBeLessThan(1e-6);
    expect(maxAbsDiff(a.trans, expected.aistpp_trans)).toBeLessThan(1e-6);
  });

  it("is undone by aistppToEasymocap", () => {
    const seq = paniniSequence();
    const back = aistppToEasymocap(easymocapToAistpp(seq));
    expect(back.convention).toBe("easymocap");
    expect(maxAbsDiff(back.trans, [[...seq.trans]])).toBeLessThan(1e-9);
    expect(maxAbsDiff(smpl78(back).data, [[...smpl78(seq).data]])).toBeLessThan(1e-9);
  });

  it("divides AIST++ translations by the scaling", () => {
    const seq = {
      frames: 1,
      fps: 60,
      poses: new Float64Array(72),
      trans: Float64Array.from([93.5, 187, 0]),
      scaling: 93.5,
      convention: "aistpp" as const,
    };
    expect([...fact219(seq).data.subarray(0, 3)]).toEqual([1, 2, 0]);
  });
});

describe("motion representations", () => {
  const seq = paniniSequence();

  it("has the documented width for every name", () => {
    for (const name of representationNames) {
      const rep = motionRepresentation(seq, name);
      expect(rep.dims).toBe(representationDims[name]);
      expect(rep.data.length).toBe(rep.frames * rep.dims);
    }
  });

  it("joints24 matches FK of the AIST++-convention golden within 1e-5 m", () => {
    expect(maxAbsDiff(joints24(seq).data, expected.joints24)).toBeLessThan(1e-5);
  });

  it("edge151 matches EDGE's process_dataset (numpy/scipy golden): contacts exactly, the rest within 1e-5", () => {
    const edge = edge151(seq);
    expect(edge.frames).toBe(expected.frames);
    const contacts = Array.from({ length: edge.frames }, (_, t) => [
      ...edge.data.subarray(t * 151, t * 151 + 4),
    ]);
    expect(contacts).toEqual(expected.edge151.map((row) => row.slice(0, 4)));
    expect(maxAbsDiff(edge.data, expected.edge151)).toBeLessThan(1e-5);
  });

  it("edge151 decimates 60 fps input by 2 and marks the last frame in contact", () => {
    const frames = 7;
    const poses = new Float64Array(frames * 72);
    const trans = Float64Array.from({ length: frames * 3 }, (_, i) => (i % 3 === 0 ? i : 0));
    const edge = edge151({ frames, fps: 60, poses, trans, scaling: 1, convention: "aistpp" });
    expect(edge.frames).toBe(4);
    expect(edge.fps).toBe(30);
    expect([...edge.data.subarray(3 * 151, 3 * 151 + 4)]).toEqual([1, 1, 1, 1]);
    expect([...edge.data.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    // z up: the rest pose's rot6d is the identity's first two rows, except the root turned 90° about x
    expect([...edge.data.subarray(7, 13)].map((v) => Math.round(v * 1e6) / 1e6 || 0)).toEqual([
      1, 0, 0, 0, 0, -1,
    ]);
    expect([...edge.data.subarray(13, 19)]).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it("smpl78 lays out JustLMD's poses (root zeroed) + Th + Rh", () => {
    const rep = smpl78(seq);
    expect([...rep.data.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect([...rep.data.subarray(3, 72)]).toEqual([...seq.poses.subarray(3, 72)]);
    expect([...rep.data.subarray(72, 75)]).toEqual([...seq.trans.subarray(0, 3)]);
    expect([...rep.data.subarray(75, 78)]).toEqual([...seq.poses.subarray(0, 3)]);
  });
});
