import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureImage, makeTestVideo } from "../test/fixtures/images/videos.js";
import { estimatePoses } from "./estimatePoses.js";
import { coco17Names, type PoseModelName } from "./estimateTypes.js";
import { poseEstimateJson } from "./estimateSchema.js";

interface Labels {
  readonly keypoints: Record<string, [number, number]>;
  readonly outOfView: readonly string[];
}
const labels = JSON.parse(readFileSync(fixtureImage("labels.json"), "utf8")) as Record<string, Labels>;

// 24 px ≈ 10% of the people's ≈ 240 px height: a joint inside it lies on the right body part. Hand labels are
// themselves ±5 px on these 256 px, softly upscaled photos (hips are the least certain: under clothing).
const tolerancePx = 24;

describe("estimatePoses on photos", () => {
  const cases: [PoseModelName, string][] = [
    ["movenet-lightning", "standing.jpg"],
    ["movenet-lightning", "stool.jpg"],
    ["movenet-lightning", "waist.jpg"],
    ["movenet-thunder", "standing.jpg"],
    ["blazepose-full", "standing.jpg"],
    ["blazepose-full", "waist.jpg"],
    ["blazepose-heavy", "standing.jpg"],
  ];
  it.each(cases)("%s puts the hand-labelled joints of %s within 24 px", async (model, image) => {
    const result = await estimatePoses(fixtureImage(image), { model });
    expect(result.frames).toBe(1);
    expect(result.frameFlags[0]).not.toContain("no-person");
    for (const [name, [x, y]] of Object.entries(labels[image]!.keypoints)) {
      const j = coco17Names.indexOf(name as (typeof coco17Names)[number]);
      const error = Math.hypot(result.keypoints[j * 3]! - x, result.keypoints[j * 3 + 1]! - y);
      expect(error, `${name}`).toBeLessThan(tolerancePx);
    }
  });

  it("flags limbs out of view when the ankles are below the picture", async () => {
    const result = await estimatePoses(fixtureImage("waist.jpg"), { model: "movenet-lightning" });
    expect(result.frameFlags[0]).toContain("limbs-out-of-view");
    for (const name of ["left_ankle", "right_ankle"] as const)
      expect(result.keypoints[coco17Names.indexOf(name) * 3 + 2]).toBeLessThan(0.2);
  });

  it("gives BlazePose-33 and world landmarks in metres (nose above the hips)", async () => {
    const result = await estimatePoses(fixtureImage("standing.jpg"), { model: "blazepose-full" });
    const world = result.world33!;
    expect(world[1]).toBeLessThan(-0.3); // nose y: y down, origin between the hips
    expect(Math.abs(world[23 * 3 + 1]! + world[24 * 3 + 1]!) / 2).toBeLessThan(0.1);
    expect(result.blazepose33![0]).toBeCloseTo(result.keypoints[0]!, 3);
  });

  it.each(["movenet-lightning", "blazepose-full"] as const)(
    "%s finds nobody in an empty scene and invents no pose",
    async (model) => {
      const result = await estimatePoses(fixtureImage("empty.jpg"), { model });
      expect(result.frameFlags[0]).toEqual(["no-person"]);
      expect(result.clipFlags).toEqual(["no-person"]);
      expect(result.keypoints.every(Number.isNaN)).toBe(true);
      expect(poseEstimateJson(result).frames[0]!.keypoints).toBeNull();
    },
  );
});

describe("estimatePoses on video", () => {
  const videos: Record<string, string> = {};
  beforeAll(async () => {
    for (const v of ["pan", "black", "leave", "cut"] as const)
      videos[v] = await makeTestVideo(v, v === "pan" ? 2 : 3);
  });

  it("tracks one person across a pan, the same with 1 and 2 workers", async () => {
    const one = await estimatePoses(videos["pan"]!, { model: "movenet-lightning" });
    const two = await estimatePoses(videos["pan"]!, { model: "movenet-lightning", workers: 2 });
    expect(one.frames).toBe(20);
    expect(one.fps).toBe(10);
    expect(one.clipFlags).toEqual([]);
    expect(one.frameFlags.flat()).toEqual([]);
    expect(two.keypoints).toEqual(one.keypoints);
    // the photo slides 1.5 px per frame: the nose follows it, frame after frame
    for (let t = 1; t < 20; t++)
      expect(Math.abs(one.keypoints[t * 51]! - one.keypoints[(t - 1) * 51]! - 1.5)).toBeLessThan(4);
  });

  it.each(["movenet-lightning", "blazepose-full"] as const)(
    "%s flags every frame of a black video and gives no keypoints",
    async (model) => {
      const result = await estimatePoses(videos["black"]!, { model });
      expect(result.frames).toBe(20); // the black source lasts 2 s
      expect(result.frameFlags.every((f) => f.length === 1 && f[0] === "no-person")).toBe(true);
      expect(result.keypoints.every(Number.isNaN)).toBe(true);
    },
  );

  it("flags a person leaving the frame and keeps the empty frames empty", async () => {
    const result = await estimatePoses(videos["leave"]!, { model: "movenet-lightning", smoothing: {} });
    const missing = result.frameFlags.map((f) => f.includes("no-person"));
    expect(missing.slice(0, 10).some(Boolean)).toBe(false); // the whole body is in view until ≈ 1.0 s
    expect(missing.slice(20).every(Boolean)).toBe(true); // gone after ≈ 1.9 s
    expect(result.clipFlags).toContain("person-missing");
    for (let t = 20; t < 30; t++) expect(Number.isNaN(result.keypoints[t * 51])).toBe(true);
  });

  it("flags the cut from one person to another as an identity switch", async () => {
    const result = await estimatePoses(videos["cut"]!, { model: "movenet-lightning" });
    expect(result.frameFlags[15]).toContain("identity-switch");
    expect(result.frameFlags.slice(1, 15).flat()).not.toContain("identity-switch");
    expect(result.clipFlags).toContain("identity-switch");
  });

  it("writes the CLI's JSON shape", async () => {
    const result = await estimatePoses(videos["pan"]!, { model: "movenet-lightning", fps: 5 });
    const json = poseEstimateJson(result);
    const file = join(mkdtempSync(join(tmpdir(), "choreo-pose-")), "pose.json");
    writeFileSync(file, JSON.stringify(json));
    const back = JSON.parse(readFileSync(file, "utf8")) as typeof json;
    expect(back).toMatchObject({ model: "movenet-lightning", fps: 5, width: 256, height: 256 });
    expect(back.frames).toHaveLength(10);
    expect(back.frames[0]!.keypoints).toHaveLength(17);
    expect(back.frames[0]!.keypoints![0]).toHaveLength(3);
  });
});
