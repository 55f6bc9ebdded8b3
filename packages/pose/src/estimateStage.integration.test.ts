import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Build, createWorkerPool, decodeSafetensors, openStore } from "@choreo/core";
import { describe, expect, it } from "vitest";
import { fixtureImage } from "../test/fixtures/images/videos.js";
import { poseEstimate2dStage } from "./stages.js";

describe("pose.estimate2d", () => {
  it("runs in a worker thread, writes pose2d with flags, and the same bytes again in a second build", async () => {
    const store = openStore(mkdtempSync(join(tmpdir(), "choreo-pose-")), { durable: false });
    const workers = createWorkerPool(1);
    try {
      const build = new Build({ store, workers });
      const image = await build.source(fixtureImage("waist.jpg"), "media", { container: "jpg" });
      const { poses } = await build.run(poseEstimate2dStage, {
        item: "waist",
        params: {},
        inputs: { video: image },
      });
      expect(poses.meta).toMatchObject({
        skeleton: "coco17",
        model: "movenet-lightning",
        frames: 1,
        widthPx: 243,
        heightPx: 256,
        fps: null,
      });
      const tensors = decodeSafetensors(store.readBlob(poses.digest)).tensors;
      expect(tensors["poses"]?.shape).toEqual([1, 17, 3]);
      expect(tensors["flags"]?.data[0]).toBe(1 << 2); // limbs-out-of-view only
      const again = await new Build({ store }).run(poseEstimate2dStage, {
        item: "waist",
        params: {},
        inputs: { video: image },
      });
      expect(again.poses.digest).toBe(poses.digest);
    } finally {
      await workers.terminate();
    }
  });

  it("puts the weights' digest in its tools", () => {
    expect(poseEstimate2dStage.tools?.()["poseWeights"]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
