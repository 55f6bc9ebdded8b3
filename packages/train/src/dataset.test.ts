import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDataset } from "./dataset.js";

function folder(manifest: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "choreo-train-ds-"));
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

const split = { items: 1, tensors: { motion: { dtype: "F32", shape: [1, 4] } } };

describe("openDataset", () => {
  it("refuses a shard file name that would leave the dataset folder", () => {
    const ds = openDataset(
      folder({ name: "x", splits: { train: { ...split, file: "../../secret.safetensors" } } }),
    );
    expect(() => ds.shards("train")).toThrow(expect.objectContaining({ _tag: "UnsafePathSegment" }));
  });

  it("names the bad field of a malformed manifest", () => {
    expect(() => openDataset(folder({ name: "x", splits: { train: { ...split, items: "many" } } }))).toThrow(
      expect.objectContaining({
        _tag: "DatasetInvalid",
        message: expect.stringContaining('splits.train.items: expected number, got "many"'),
      }),
    );
  });
});
