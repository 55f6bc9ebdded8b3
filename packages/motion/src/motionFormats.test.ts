import { describe, expect, it } from "vitest";
import { encodeNpy } from "@choreo/ingest";
import { maxAbsDiff, paniniPath, paniniSequence } from "../test/kinematicsFixture.js";
import { parseMotion, readMotion } from "./motionFormats.js";
import { edge151, fact219, joints24, smpl78 } from "./representations.js";
import { formatEasyMocapSmpl } from "./smplJson.js";

const npy = (data: Float32Array, shape: number[]): Uint8Array => encodeNpy({ dtype: "float32", shape, data });

describe("parseMotion", () => {
  const seq = paniniSequence();
  const reference = fact219(seq).data;

  it("reads EasyMocap smplfull.json as the EasyMocap convention at 30 fps", async () => {
    const motion = await readMotion(paniniPath);
    expect(motion.convention).toBe("easymocap");
    expect(motion.frames).toBe(30);
    expect(maxAbsDiff(fact219(motion).data, [[...reference]])).toBeLessThan(1e-6);
  });

  it("reads an AIST++ pickle with its scaling and 60 fps", async () => {
    const motion = await readMotion(
      new URL("../../ingest/test/fixtures/aistpp/motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl", import.meta.url)
        .pathname,
    );
    expect(motion).toMatchObject({ frames: 4, fps: 60, scaling: 93.5, convention: "aistpp" });
  });

  it("reads back what it writes: smpl78, fact219, edge151 and joints24 .npy", () => {
    const f = (a: ArrayLike<number>): Float32Array => Float32Array.from(a);
    const back78 = parseMotion(npy(f(smpl78(seq).data), [30, 78]), "a.npy");
    expect(maxAbsDiff(fact219(back78).data, [[...reference]])).toBeLessThan(1e-5);
    const back219 = parseMotion(npy(f(reference), [30, 219]), "a.npy");
    expect(maxAbsDiff(fact219(back219).data, [[...reference]])).toBeLessThan(1e-5);
    const edge = edge151(seq).data;
    const back151 = parseMotion(npy(f(edge), [30, 151]), "a.npy");
    expect(maxAbsDiff(edge151(back151).data, [[...edge]])).toBeLessThan(1e-5);
    const joints = joints24(seq).data;
    const backJoints = parseMotion(npy(f(joints), [30, 24, 3]), "a.npy");
    expect(maxAbsDiff(joints24(backJoints).data, [[...joints]])).toBeLessThan(1e-5);
  });

  it("refuses NaN or infinite motion where it enters, naming the file (NonFiniteValues)", () => {
    const rows = Float32Array.from(smpl78(seq).data);
    rows[100] = Number.NaN;
    expect(() => parseMotion(npy(rows, [30, 78]), "nan.npy")).toThrow(
      expect.objectContaining({ _tag: "NonFiniteValues", file: "nan.npy", index: 100 }),
    );
    rows[100] = Infinity;
    expect(() => parseMotion(npy(rows, [30, 78]), "inf.npy")).toThrow(
      expect.objectContaining({ _tag: "NonFiniteValues", file: "inf.npy" }),
    );
  });

  it("refuses 0-frame motion with UnsupportedMotion", () => {
    expect(() => parseMotion(npy(new Float32Array(0), [0, 78]), "empty.npy")).toThrow(
      expect.objectContaining({ _tag: "UnsupportedMotion", message: expect.stringContaining("0 frames") }),
    );
  });

  it("refuses an ambiguous (T, 72) array and unknown extensions with UnsupportedMotion", () => {
    expect(() => parseMotion(npy(new Float32Array(72), [1, 72]), "a.npy")).toThrow(
      expect.objectContaining({ _tag: "UnsupportedMotion" }),
    );
    expect(() => parseMotion(new Uint8Array(4), "a.bvh")).toThrow(
      expect.objectContaining({ _tag: "UnsupportedMotion" }),
    );
    expect(() => parseMotion(new Uint8Array([123]), "a.json")).toThrow(
      expect.objectContaining({ _tag: "UnsupportedMotion" }),
    );
  });
});

describe("formatEasyMocapSmpl", () => {
  it("writes smplfull.json that reads back to the same motion (7 decimals, as EasyMocap prints)", () => {
    const seq = paniniSequence();
    const text = formatEasyMocapSmpl(seq);
    const back = parseMotion(Buffer.from(text), "smplfull.json");
    expect(maxAbsDiff(back.poses, [[...seq.poses]])).toBeLessThan(1e-6);
    expect(maxAbsDiff(back.trans, [[...seq.trans]])).toBeLessThan(1e-6);
    expect(text.startsWith('{\n"000000": {\n\t"K": [[864.0, 0.0, 640.0]')).toBe(true);
  });
});
