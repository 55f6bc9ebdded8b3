import { readFileSync, rmSync, truncateSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digestOf, encodeSafetensors } from "@choreo/core";
import { checkShardFile, readCheckedManifest, readManifest } from "./index.js";

function dataset(): { dir: string; shard: string } {
  const dir = mkdtempSync(join(tmpdir(), "choreo-checked-"));
  const bytes = encodeSafetensors({
    motion: { dtype: "F32", shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
  });
  const shard = join(dir, "train-00000.safetensors");
  writeFileSync(shard, bytes);
  const train = {
    file: "train-00000.safetensors",
    digest: digestOf(bytes),
    bytes: bytes.length,
    items: 2,
    tensors: { motion: { dtype: "F32", shape: [2, 3] } },
  };
  const manifest = {
    format: "choreo-dataset-v1",
    name: "t",
    recipe: "demo",
    config: {},
    fps: 30,
    splits: { train },
    features: {},
    normalization: {},
    sources: [],
    tools: {},
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  return { dir, shard };
}

function flip(file: string): void {
  const bytes = readFileSync(file);
  bytes[bytes.length - 1]! ^= 1;
  writeFileSync(file, bytes);
}

describe("readCheckedManifest", () => {
  it("returns the manifest of a folder whose shards match it", () => {
    const { dir } = dataset();
    expect(readCheckedManifest(dir).splits.train!.items).toBe(2);
  });

  it("refuses a flipped byte, a truncated shard and a missing one with ShardMismatch naming the shard", () => {
    const flipped = dataset();
    flip(flipped.shard);
    expect(() => readCheckedManifest(flipped.dir)).toThrow(
      expect.objectContaining({
        _tag: "ShardMismatch",
        file: flipped.shard,
        problem: expect.stringContaining("sha256"),
      }),
    );
    const cut = dataset();
    truncateSync(cut.shard, 10);
    expect(() => readCheckedManifest(cut.dir)).toThrow(
      expect.objectContaining({ _tag: "ShardMismatch", problem: expect.stringMatching(/^10 bytes where/) }),
    );
    const gone = dataset();
    rmSync(gone.shard);
    expect(() => readCheckedManifest(gone.dir)).toThrow(
      expect.objectContaining({ _tag: "ShardMismatch", problem: expect.stringMatching(/^missing/) }),
    );
  });

  it("hashes large shards only with verify; their size is always checked", () => {
    const { dir, shard } = dataset();
    flip(shard);
    expect(readCheckedManifest(dir, { smallBytes: 8 }).name).toBe("t");
    expect(() => readCheckedManifest(dir, { smallBytes: 8, verify: true })).toThrow(
      expect.objectContaining({ _tag: "ShardMismatch" }),
    );
  });
});

describe("checkShardFile", () => {
  it("checks a shard against the manifest beside it, and passes a lone safetensors file", () => {
    const { shard } = dataset();
    expect(() => checkShardFile(shard)).not.toThrow();
    flip(shard);
    expect(() => checkShardFile(shard)).toThrow(expect.objectContaining({ _tag: "ShardMismatch" }));
    const lone = join(mkdtempSync(join(tmpdir(), "choreo-lone-")), "x.safetensors");
    writeFileSync(lone, readFileSync(shard));
    expect(() => checkShardFile(lone)).not.toThrow();
  });
});

describe("readManifest", () => {
  it("names the field, what it expects and what it got", () => {
    const { dir } = dataset();
    const file = join(dir, "manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { splits: { train: { file: unknown } } };
    manifest.splits.train.file = 5;
    writeFileSync(file, JSON.stringify(manifest));
    expect(() => readManifest(dir)).toThrow(
      expect.objectContaining({
        _tag: "InvalidManifest",
        problem: "not a choreo dataset manifest: splits.train.file: expected string, got 5",
      }),
    );
    writeFileSync(file, `${"[".repeat(300)}${"]".repeat(300)}`);
    expect(() => readManifest(dir)).toThrow(
      expect.objectContaining({ _tag: "InvalidManifest", problem: expect.stringContaining("deeper than") }),
    );
  });
});
