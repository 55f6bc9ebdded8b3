import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  formatSmplFull,
  frameKey,
  lmdDance,
  missingFrames,
  parseSmplFull,
  readEasyMocapFolder,
  readSmplFull,
  smplMotion,
} from "./easymocap.js";

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../test/fixtures/easymocap/${name}`, import.meta.url));

describe("readSmplFull", () => {
  it("reads frames keyed by 6-digit strings in any order, sorted by frame number", async () => {
    const smpl = await readSmplFull(fixture("smplfull_small.json"));
    expect([...smpl.frames.keys()]).toEqual([0, 1, 2, 3, 4]);
    const frame = smpl.frames.get(2)!;
    expect(frame["K"]).toEqual([
      [864, 0, 640],
      [0, 864, 360],
      [0, 0, 1],
    ]);
    expect(frame.annots).toHaveLength(1);
    expect(frame.annots[0]!.poses[0]).toHaveLength(72);
    expect(missingFrames(smpl)).toEqual([]);
  });

  it("fails with InvalidFormat on garbage and on a non-numeric frame key", () => {
    expect(() => parseSmplFull("{")).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }) as Error);
    expect(() => parseSmplFull('{"abc": {"annots": []}}')).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }) as Error,
    );
    expect(() => parseSmplFull('{"000000": {"annots": [{"poses": [[1]]}]}}')).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }) as Error,
    );
  });
});

describe("missingFrames", () => {
  it("lists the gaps", async () => {
    expect(missingFrames(await readSmplFull(fixture("smplfull_gap.json")))).toEqual([2]);
  });
});

describe("smplMotion", () => {
  it("gathers poses (T×72), Rh, Th and shapes as Float32Arrays", async () => {
    const motion = smplMotion(await readSmplFull(fixture("smplfull_small.json")));
    expect(motion.frames).toBe(5);
    expect(motion.poses.length).toBe(5 * 72);
    expect(Array.from(motion.poses.subarray(72, 75))).toEqual([0, 0, 0]);
    // values from make_easymocap.py: round(0.5 sin(1.7 i + 0.37 j), 7)
    expect(motion.poses[72 + 3]).toBe(Math.fround(Math.round(0.5 * Math.sin(1.7) * 1e7) / 1e7));
    expect(Array.from(motion.rh.subarray(3, 6))[2]).toBe(3);
    expect(motion.th[4 * 3 + 2]).toBe(Math.fround(2.2504));
    expect(motion.shapes.length).toBe(10);
  });

  it("fails with MissingFrames naming the absent 6-digit keys", async () => {
    const smpl = await readSmplFull(fixture("smplfull_gap.json"));
    expect(() => smplMotion(smpl, { frameNumbers: [0, 1, 2, 3, 7] })).toThrow(
      expect.objectContaining({ _tag: "MissingFrames", missing: ["000002", "000007"] }) as Error,
    );
  });
});

describe("lmdDance", () => {
  it("concatenates poses, Th and Rh per frame into T×78", async () => {
    const smpl = await readSmplFull(fixture("smplfull_small.json"));
    const dance = lmdDance(smpl, ["000001", "000002"]);
    expect(dance.length).toBe(2 * 78);
    const motion = smplMotion(smpl, { frameNumbers: [2] });
    expect(Array.from(dance.subarray(78 + 72, 78 + 75))).toEqual(Array.from(motion.th));
    expect(Array.from(dance.subarray(78 + 75, 78 + 78))).toEqual(Array.from(motion.rh));
  });
});

describe("readEasyMocapFolder", () => {
  it("reads per-frame files, lists of people or objects with annots, and pads 69 poses to 72", async () => {
    const smpl = await readEasyMocapFolder(fixture("frames"));
    expect([...smpl.frames.keys()]).toEqual([0, 1]);
    const motion = smplMotion(smpl);
    expect(Array.from(motion.poses.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(motion.poses[3]).toBe(Math.fround(0)); // val(0, 0) = 0
    expect(motion.poses[4]).toBe(Math.fround(Math.round(0.5 * Math.sin(0.37) * 1e7) / 1e7));
  });
});

describe("formatSmplFull", () => {
  it("writes JustLMD's smplfull.json layout byte for byte, frames sorted", async () => {
    const smpl = await readSmplFull(fixture("smplfull_small.json"));
    expect(formatSmplFull(smpl)).toBe(readFileSync(fixture("smplfull_small_sorted.json"), "utf8"));
  });

  it("pads frame keys to 6 digits", () => {
    expect(frameKey(42)).toBe("000042");
  });
});
