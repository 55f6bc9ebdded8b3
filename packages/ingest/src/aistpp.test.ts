import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  readAistppCameraMapping,
  readAistppCameras,
  readAistppCamerasOf,
  readAistppIgnoreList,
  readAistppKeypoints2d,
  readAistppKeypoints3d,
  readAistppMotion,
  readAistppSplit,
} from "./aistpp.js";
import type { ReadResult } from "./readResult.js";

const anno = fileURLToPath(new URL("../test/fixtures/aistpp/", import.meta.url));
const seq = "gBR_sBM_cAll_d04_mBR0_ch01";

function value<T>(result: ReadResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

describe("readAistppMotion", () => {
  it("reads (N, 72) float32 poses, translation, an array scaling and the loss", async () => {
    const motion = value(await readAistppMotion(anno, seq));
    expect(motion.poses.shape).toEqual([4, 72]);
    expect(motion.poses.data[0]).toBe(0);
    expect(motion.poses.data[287]).toBe(Math.fround(2.87)); // arange(288) / 100 in float32
    expect(motion.trans.shape).toEqual([4, 3]);
    expect(Array.from(motion.trans.data.slice(3, 6))).toEqual([10, 181, -5]);
    expect(motion.scaling).toBe(93.5);
    expect(motion.loss).toBe(0.125);
    expect(motion.fps).toBe(60);
  });

  it("flattens (N, 24, 3) float64 poses and takes a numpy scalar scaling", async () => {
    const motion = value(await readAistppMotion(anno, "gHO_sFM_cAll_d20_mHO5_ch13"));
    expect(motion.poses.dtype).toBe("float32");
    expect(motion.poses.shape).toEqual([3, 72]);
    expect(motion.poses.data[5]).toBe(Math.fround(5 * -0.01));
    expect(motion.scaling).toBe(88);
    expect(Array.from(motion.trans.data)).toEqual(new Array(9).fill(1));
  });

  it("returns ShapeMismatch for poses of the wrong width", async () => {
    const result = await readAistppMotion(anno, "gPO_sBM_cAll_d10_mPO1_ch02");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ _tag: "ShapeMismatch", field: "smpl_poses" });
  });

  it("returns MissingSource for a sequence without a file", async () => {
    const result = await readAistppMotion(anno, "gLH_sBM_cAll_d16_mLH4_ch02");
    expect(!result.ok && result.error._tag).toBe("MissingSource");
  });
});

describe("readAistppKeypoints2d", () => {
  it("reads (9, N, 17, 3) keypoints with NaN, detection scores and timestamps", async () => {
    const kp = value(await readAistppKeypoints2d(anno, seq));
    expect(kp.keypoints.shape).toEqual([9, 4, 17, 3]);
    expect(kp.keypoints.data[1]).toBe(Math.fround(0.1));
    const view2frame1 = (2 * 4 + 1) * 17 * 3;
    expect(Number.isNaN(kp.keypoints.data[view2frame1])).toBe(true);
    expect(kp.keypoints.data[view2frame1 + 51]).toBe(Math.fround((view2frame1 + 51) / 10));
    expect(kp.detScores.shape).toEqual([9, 4]);
    expect(kp.detScores.data[35]).toBe(1);
    expect(kp.timestamps).toEqual([0, 1, 2, 4]);
  });

  it("returns InvalidFormat for the ragged layout without det_scores", async () => {
    const result = await readAistppKeypoints2d(anno, "gHO_sFM_cAll_d20_mHO5_ch13");
    expect(!result.ok && result.error._tag).toBe("InvalidFormat");
  });
});

describe("readAistppKeypoints3d", () => {
  it("reads raw and optimised (N, 17, 3) joints as float32", async () => {
    const kp = value(await readAistppKeypoints3d(anno, seq));
    expect(kp.keypoints.shape).toEqual([4, 17, 3]);
    expect(Number.isNaN(kp.keypoints.data[9])).toBe(true);
    expect(kp.keypoints.data[12]).toBe(12);
    expect(kp.keypointsOptim?.data[12]).toBe(24);
  });

  it("returns ShapeMismatch for 25 joints", async () => {
    const result = await readAistppKeypoints3d(anno, "gHO_sFM_cAll_d20_mHO5_ch13");
    expect(!result.ok && result.error).toMatchObject({ _tag: "ShapeMismatch", field: "keypoints3d" });
  });
});

describe("readAistppSplit / readAistppIgnoreList", () => {
  it("trims lines and skips blanks, with or without a final newline", async () => {
    expect(await readAistppSplit(anno, "crossmodal_train")).toEqual([
      seq,
      "gHO_sFM_cAll_d20_mHO5_ch13",
      "gPO_sBM_cAll_d10_mPO1_ch02",
    ]);
    expect(await readAistppSplit(anno, "crossmodal_test")).toEqual(["gLH_sBM_cAll_d16_mLH4_ch02"]);
    expect(await readAistppIgnoreList(anno)).toEqual([seq, "gHO_sFM_cAll_d20_mHO5_ch13"]);
  });

  it("reports a missing split as MissingSource", async () => {
    await expect(readAistppSplit(anno, "crossmodal_val")).rejects.toMatchObject({ _tag: "MissingSource" });
  });
});

describe("readAistppCameras", () => {
  it("reads the mapping and the 9 cameras of a setting", async () => {
    const mapping = await readAistppCameraMapping(anno);
    expect(mapping.get(seq)).toBe("setting1");
    const cameras = await readAistppCameras(anno, "setting1");
    expect(cameras).toHaveLength(9);
    expect(cameras[0]).toEqual({
      name: "c01",
      size: [1920, 1080],
      matrix: [
        [1501, 0, 960],
        [0, 1501, 540],
        [0, 0, 1],
      ],
      distortions: [0.01, -0.02, 0, 0, 0.001],
      rotation: [0.1, -0.2, 0.3],
      translation: [10, 180, 500],
    });
    expect((await readAistppCamerasOf(anno, seq))[8]?.name).toBe("c09");
  });

  it("reports a setting listed in mapping.txt but absent as MissingSource", async () => {
    await expect(readAistppCamerasOf(anno, "gHO_sFM_cAll_d20_mHO5_ch13")).rejects.toMatchObject({
      _tag: "MissingSource",
    });
  });

  it("reports a JSON file that is not a camera list as InvalidFormat", async () => {
    await expect(readAistppCameras(anno, "setting_bad")).rejects.toMatchObject({ _tag: "InvalidFormat" });
  });
});
