import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Build, decodeSafetensors, openStore, type Store } from "@choreo/core";
import { describe, expect, it } from "vitest";
import {
  aistppKeypoints2dStage,
  aistppKeypoints3dStage,
  aistppMotionStage,
  indvKeypointsStage,
} from "./stages.js";

const fixtures = fileURLToPath(new URL("../test/fixtures/", import.meta.url));
const seq = "gBR_sBM_cAll_d04_mBR0_ch01";

function freshStore(): Store {
  return openStore(mkdtempSync(join(tmpdir(), "choreo-ingest-")), { durable: false });
}

describe("ingest stages", () => {
  it("turn AIST++ pickles into smpl, joints3d and pose2d artifacts", async () => {
    const store = freshStore();
    const b = new Build({ store });
    const src = (dir: string) =>
      b.source(join(fixtures, "aistpp", dir, `${seq}.pkl`), "media", { container: "pkl" });
    const { smpl } = await b.run(aistppMotionStage, {
      item: seq,
      params: {},
      inputs: { motion: await src("motions") },
    });
    expect(smpl.meta).toEqual({ fps: 60, frames: 4, convention: "aistpp", scaling: 93.5 });
    const tensors = decodeSafetensors(store.readBlob(smpl.digest)).tensors;
    expect(tensors["poses"]?.shape).toEqual([4, 72]);
    expect(tensors["trans"]?.data[4]).toBe(181);

    const { joints } = await b.run(aistppKeypoints3dStage, {
      item: seq,
      params: { useOptim: true },
      inputs: { keypoints: await src("keypoints3d") },
    });
    expect(decodeSafetensors(store.readBlob(joints.digest)).tensors["joints"]?.data[12]).toBe(24);

    const { poses } = await b.run(aistppKeypoints2dStage, {
      item: seq,
      params: { view: 1 },
      inputs: { keypoints: await src("keypoints2d") },
    });
    const view1 = decodeSafetensors(store.readBlob(poses.digest)).tensors["poses"]!;
    expect(view1.shape).toEqual([4, 17, 3]);
    expect(view1.data[0]).toBe(Math.fround(204 / 10)); // first value of view 1: 4·17·3 / 10
    expect(poses.meta).toMatchObject({ view: 1, widthPx: 1920 });
  });

  it("turns an InDV keypoints clip into pose2d and fails a bad clip with its tag", async () => {
    const b = new Build({ store: freshStore(), keepGoing: true });
    const clip = (name: string) =>
      b.source(join(fixtures, "indv/keypoints_clips", name), "media", { container: "pkl" });
    const { poses } = await b.run(indvKeypointsStage, {
      item: "Ballet/clip_000",
      params: {},
      inputs: { keypoints: await clip("Ballet/clip_000.pkl") },
    });
    expect(poses.meta).toEqual({ frames: 5, skeleton: "coco17" });
    await expect(
      b.run(indvKeypointsStage, {
        item: "Waacking/clip_000",
        params: {},
        inputs: { keypoints: await clip("Waacking/clip_000.pkl") },
      }),
    ).rejects.toBeDefined();
    expect(b.summary().failures).toHaveLength(1);
  });
});
