import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoDataset, writeKeypointsDataset } from "../test/fakeDataset.js";
import { beatAlignmentScore, musicBeats } from "./beatAlignment.js";
import { collectReportData } from "./reportData.js";
import { readShardItem } from "./shardItem.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "render-report-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("collectReportData", () => {
  it("counts items, frames and seconds per split, tempi and dropped reasons", () => {
    const { manifest } = writeDemoDataset(dir, { train: 3, val: 1, test: 1 });
    const data = collectReportData(manifest, { shardsDir: dir });
    expect(data.splits).toEqual([
      { name: "train", items: 3, frames: 270, durationSec: 9 },
      { name: "val", items: 1, frames: 90, durationSec: 3 },
      { name: "test", items: 1, frames: 90, durationSec: 3 },
    ]);
    expect(data.temposBpm).toEqual([90, 97, 104, 93, 93]);
    expect(data.dropped).toEqual([
      { reason: "sequences with missing dance frames", count: 2 },
      { reason: "too short", count: 0 },
    ]);
    expect(data.confidence).toBeUndefined();
    expect(data.samples.map((s) => `${s.split}/${s.id}`)).toEqual([
      "train/train-song0@0",
      "val/val-song0@0",
      "test/test-song0@0",
      "train/train-song1@2.5",
    ]);
  });

  it("finds the knees' bounce on the music's beats", () => {
    const data = collectReportData(writeDemoDataset(dir, { train: 1 }).manifest, { shardsDir: dir });
    const sample = data.samples[0]!;
    // 90 BPM at 30 fps: a beat every 20 frames
    expect(sample.musicBeats).toEqual([20, 40, 60, 80]);
    expect(sample.score).toBeGreaterThan(0.5);
  });

  it("reads mean keypoint scores of scored 2D datasets", () => {
    const { manifest } = writeKeypointsDataset(dir, 4, (i) => 0.5 + 0.1 * i);
    const data = collectReportData(manifest, { shardsDir: dir });
    expect(data.confidence?.map((c) => Number(c.toFixed(4)))).toEqual([0.5, 0.6, 0.7, 0.8]);
    expect(data.samples[0]?.motion.kind).toBe("keypoints2d");
  });
});

describe("readShardItem", () => {
  it("reads one item's rows and refuses unknown ids", () => {
    writeDemoDataset(dir, { val: 2 });
    const item = readShardItem(join(dir, "val-00000.safetensors"), { id: "val-song1@2.5" });
    expect(item.index).toBe(1);
    expect(item.tensors["motion"]?.shape).toEqual([90, 75]);
    expect(() => readShardItem(join(dir, "val-00000.safetensors"), { id: "nope" })).toThrow(
      expect.objectContaining({ _tag: "ItemNotFound" }),
    );
  });
});

describe("beat helpers", () => {
  it("scores aligned beats 1 and far ones near 0", () => {
    expect(beatAlignmentScore([10, 20], [10, 20])).toBe(1);
    expect(beatAlignmentScore([10], [40])).toBeLessThan(1e-6);
    expect(musicBeats(Float32Array.from([0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1]), 3)?.beats).toEqual([1, 3]);
  });
});
