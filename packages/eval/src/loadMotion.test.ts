import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMotionFile } from "./loadMotion.js";

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
