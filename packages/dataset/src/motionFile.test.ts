import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { readPickle } from "@choreo/ingest";
import { smplMotionPickle, writeMotionFile } from "./motionFile.js";

const frames = 2;
const lmd = Float32Array.from({ length: frames * 78 }, (_, i) => i);

describe("smplMotionPickle", () => {
  it("puts JustLMD's Rh back as the root rotation of the poses", () => {
    const p = smplMotionPickle({ motion: lmd, frames, dims: 78, fps: 30 });
    const poses = (p.smpl_poses as { data: Float32Array }).data;
    expect(Array.from(poses.subarray(72, 75))).toEqual([78 + 75, 78 + 76, 78 + 77]);
    expect(Array.from((p.smpl_trans as { data: Float32Array }).data.subarray(0, 3))).toEqual([72, 73, 74]);
  });

  it("refuses rows without SMPL parameters", () => {
    expect(() => smplMotionPickle({ motion: new Float32Array(10), frames: 2, dims: 5, fps: 30 })).toThrow(
      RangeError,
    );
  });
});

describe("writeMotionFile", () => {
  it("writes an AIST++ pickle and a safetensors file with the frame rate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "motion-file-"));
    const window = {
      motion: Float32Array.from({ length: frames * 75 }, (_, i) => i / 10),
      frames,
      dims: 75,
      fps: 30,
    };
    await writeMotionFile(join(dir, "m.pkl"), window);
    const pkl = (await readPickle(join(dir, "m.pkl"))) as unknown as Map<string, { shape: number[] }>;
    expect(pkl.get("smpl_poses")!.shape).toEqual([2, 72]);
    await writeMotionFile(join(dir, "m.safetensors"), window);
    const st = decodeSafetensors(readFileSync(join(dir, "m.safetensors")));
    expect(st.tensors.motion!.shape).toEqual([2, 75]);
    expect(st.metadata).toEqual({ fps: "30" });
  });
});
