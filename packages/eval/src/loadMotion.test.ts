import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "@choreo/ingest";
import { evaluateMotion } from "./evaluateMotion.js";
import { loadMotionDir, loadMotionFile } from "./loadMotion.js";

describe("loadMotionFile", () => {
  it("refuses a shard whose byte ranges overlap instead of reading garbage motion", async () => {
    const json = Buffer.from(
      JSON.stringify({
        motion: { dtype: "F32", shape: [2, 72], data_offsets: [0, 576] },
        trans: { dtype: "F32", shape: [2, 3], data_offsets: [8, 32] },
      }),
    );
    const bytes = Buffer.alloc(8 + json.length + 576);
    bytes.writeBigUInt64LE(BigInt(json.length));
    json.copy(bytes, 8);
    const file = join(mkdtempSync(join(tmpdir(), "choreo-eval-")), "bad.safetensors");
    writeFileSync(file, bytes);
    await expect(loadMotionFile(file)).rejects.toMatchObject({
      _tag: "InvalidMotionInput",
      cause: { _tag: "InvalidSafetensors", tensor: "trans" },
    });
  });

  it("refuses a FIFO up front", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "choreo-eval-")), "pipe.npy");
    execFileSync("mkfifo", [file]);
    await expect(loadMotionFile(file)).rejects.toMatchObject({
      _tag: "InvalidMotionInput",
      cause: { _tag: "NotRegularFile" },
    });
  });
});

describe("loadMotionDir", () => {
  it("refuses a folder without motion files instead of giving NaN metrics (EvalInputMissing)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eval-empty-"));
    writeFileSync(join(dir, "notes.txt"), "no motion here");
    await expect(loadMotionDir(dir)).rejects.toMatchObject({
      _tag: "EvalInputMissing",
      file: dir,
      message: expect.stringContaining("no motion files"),
    });
  });

  it("refuses NaN, infinite and 0-frame motion where it enters (InvalidMotionInput naming the file)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eval-nan-"));
    const joints = new Float32Array(2 * 72);
    joints[5] = Number.NaN;
    const nan = join(dir, "nan.npy");
    writeFileSync(nan, encodeNpy({ dtype: "float32", shape: [2, 24, 3], data: joints }));
    await expect(loadMotionFile(nan)).rejects.toMatchObject({
      _tag: "InvalidMotionInput",
      message: expect.stringContaining("value 5 is NaN"),
    });
    const empty = join(dir, "empty.npy");
    writeFileSync(empty, encodeNpy({ dtype: "float32", shape: [0, 24, 3], data: new Float32Array(0) }));
    await expect(loadMotionFile(empty)).rejects.toMatchObject({
      _tag: "InvalidMotionInput",
      message: expect.stringContaining("0 frames"),
    });
  });
});

describe("evaluateMotion", () => {
  it("refuses an empty prediction set", () => {
    expect(() => evaluateMotion({ pred: [], options: { metrics: ["div-k"] } })).toThrow(
      expect.objectContaining({ _tag: "EvalInputMissing" }),
    );
  });
});
