import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSafetensors } from "@choreo/core";
import { encodeNpy } from "@choreo/ingest";
import { joints24 } from "@choreo/motion";
import { writeDemoDataset } from "../test/fakeDataset.js";
import { readRenderInput } from "./renderInput.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "render-input-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readRenderInput", () => {
  it("reads a model sample in the demo layout (T, 75) as SMPL with FK joints", async () => {
    const rows = new Float32Array(4 * 75);
    for (let t = 0; t < 4; t++) rows.set([0.1 * t, 0, 0], t * 75 + 4 * 3);
    for (let t = 0; t < 4; t++) rows.set([0, 0.9, 0.05 * t], t * 75 + 72);
    const path = join(dir, "sample.npy");
    await writeFile(path, encodeNpy({ dtype: "float32", shape: [4, 75], data: rows }));
    const input = await readRenderInput(path, { fps: 30 });
    expect(input.smpl?.convention).toBe("aistpp");
    expect(input.motion.kind).toBe("joints3d");
    expect(input.motion.frames).toBe(4);
    if (input.motion.kind === "joints3d")
      expect(Array.from(input.motion.positionsM)).toEqual(Array.from(joints24(input.smpl!).data));
  });

  it("reads `choreo sample` outputs (safetensors with fps metadata, shape/data JSON)", async () => {
    const rows = new Float32Array(3 * 78);
    const st = join(dir, "sample.safetensors");
    await writeFile(
      st,
      encodeSafetensors({ motion: { dtype: "F32", shape: [3, 78], data: rows } }, { fps: "60" }),
    );
    const fromSt = await readRenderInput(st);
    expect(fromSt.motion).toMatchObject({ kind: "joints3d", fps: 60, frames: 3 });
    expect(fromSt.smpl?.convention).toBe("easymocap");
    const js = join(dir, "sample.json");
    await writeFile(
      js,
      JSON.stringify({ shape: [2, 24, 3], dtype: "float32", fps: 20, data: new Array(144).fill(0.5) }),
    );
    expect((await readRenderInput(js)).motion).toMatchObject({ kind: "joints3d", fps: 20, frames: 2 });
  });

  it("reads keypoint arrays and `choreo pose` JSON as 2D keypoints", async () => {
    const npy = join(dir, "kp.npy");
    await writeFile(
      npy,
      encodeNpy({ dtype: "float32", shape: [2, 17, 3], data: new Float32Array(2 * 17 * 3).fill(10) }),
    );
    expect((await readRenderInput(npy)).motion).toMatchObject({
      kind: "keypoints2d",
      frames: 2,
      channels: 3,
    });
    const json = join(dir, "pose.json");
    const kp = Array.from({ length: 17 }, (_, j) => [j, 2 * j, 0.9]);
    await writeFile(
      json,
      JSON.stringify({
        model: "movenet-lightning",
        fps: 25,
        width: 320,
        height: 240,
        clipFlags: [],
        frames: [
          { keypoints: kp, flags: [] },
          { keypoints: null, flags: ["no-person"] },
        ],
      }),
    );
    const pose = (await readRenderInput(json)).motion;
    expect(pose).toMatchObject({
      kind: "keypoints2d",
      fps: 25,
      frames: 2,
      sourceWidth: 320,
      sourceHeight: 240,
    });
    if (pose.kind === "keypoints2d") {
      expect(Array.from(pose.keypoints.subarray(3, 6))).toEqual([1, 2, Math.fround(0.9)]);
      expect(Number.isNaN(pose.keypoints[51])).toBe(true); // the frame without a person
    }
  });

  it("reads a dataset item by id, with its text and the manifest's fps", async () => {
    const { manifest } = writeDemoDataset(dir, { train: 2, val: 1 }, { fps: 20, frames: 40 });
    await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest));
    const input = await readRenderInput(dir, { item: "val-song0@0" });
    expect(input.text).toBe("la la val-song0@0");
    expect(input.motion).toMatchObject({ kind: "joints3d", fps: 20, frames: 40 });
    await expect(readRenderInput(dir, { item: "nope" })).rejects.toMatchObject({ _tag: "ItemNotFound" });
  });
});

describe("readRenderInput on hostile inputs", () => {
  it("refuses a dataset manifest whose shard file leaves the folder", async () => {
    const ds = await mkdtemp(join(dir, "ds-"));
    await writeFile(
      join(ds, "manifest.json"),
      JSON.stringify({ splits: { train: { file: "../../outside.safetensors" } } }),
    );
    await expect(readRenderInput(ds, { item: "x" })).rejects.toMatchObject({ _tag: "InvalidManifest" });
  });

  it("refuses a dataset whose shard does not match its manifest (ShardMismatch naming the shard)", async () => {
    const ds = await mkdtemp(join(dir, "ds-"));
    const { manifest } = writeDemoDataset(ds, { train: 2 }, { fps: 20, frames: 10 });
    await writeFile(join(ds, "manifest.json"), JSON.stringify(manifest));
    const shard = join(ds, "train-00000.safetensors");
    const bytes = readFileSync(shard);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(shard, bytes);
    await expect(readRenderInput(ds, { item: "train-song0@0" })).rejects.toMatchObject({
      _tag: "ShardMismatch",
      file: shard,
    });
    await expect(readRenderInput(shard, { item: "train-song0@0" })).rejects.toMatchObject({
      _tag: "ShardMismatch",
    });
  });

  it("refuses NaN or infinite motion and 0 frames where they enter", async () => {
    const rows = new Float32Array(2 * 75);
    rows[80] = Number.NaN;
    const npy = join(dir, "nan.npy");
    await writeFile(npy, encodeNpy({ dtype: "float32", shape: [2, 75], data: rows }));
    await expect(readRenderInput(npy)).rejects.toMatchObject({
      _tag: "NonFiniteValues",
      file: npy,
      index: 80,
    });
    const json = join(dir, "null.json");
    await writeFile(json, JSON.stringify({ shape: [1, 72], data: [null, ...new Array<number>(71).fill(0)] }));
    await expect(readRenderInput(json)).rejects.toMatchObject({ _tag: "UnsupportedRenderInput" });
    const empty = join(dir, "empty.npy");
    await writeFile(empty, encodeNpy({ dtype: "float32", shape: [0, 75], data: new Float32Array(0) }));
    await expect(readRenderInput(empty)).rejects.toMatchObject({
      _tag: "UnsupportedRenderInput",
      message: expect.stringContaining("0 frames"),
    });
  });

  it("refuses a FIFO up front instead of blocking on it", async () => {
    const path = join(dir, "pipe.json");
    execFileSync("mkfifo", [path]);
    await expect(readRenderInput(path)).rejects.toMatchObject({ _tag: "NotRegularFile" });
  });
});
