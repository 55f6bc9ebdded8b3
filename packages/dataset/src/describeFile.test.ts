import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeSafetensors } from "@choreo/core";
import { describeFile } from "./describeFile.js";

describe("describeFile", () => {
  it("names a safetensors file's tensors with dtype and shape, and its metadata", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "describe-")), "a.safetensors");
    const data = new Float32Array(6);
    writeFileSync(path, encodeSafetensors({ motion: { dtype: "F32", shape: [2, 3], data } }, { fps: "30" }));
    expect(await describeFile(path)).toBe(`safetensors ${path}\n  motion       F32 [2, 3]\n  meta fps: 30`);
  });

  it("summarises JSON objects by their keys, and gives the size of unknown formats", async () => {
    const dir = mkdtempSync(join(tmpdir(), "describe-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify({ shape: [1], data: [0] }));
    expect(await describeFile(join(dir, "a.json"))).toBe(
      `json ${join(dir, "a.json")}: object with 2 keys (shape, data)`,
    );
    writeFileSync(join(dir, "a.bin"), "abc");
    expect(await describeFile(join(dir, "a.bin"))).toBe(
      `${join(dir, "a.bin")}: 3 bytes (no describer for this format)`,
    );
  });
});
