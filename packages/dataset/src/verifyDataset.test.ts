import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digestOf, encodeSafetensors } from "@choreo/core";
import { readSafetensorsHeader, verifyDataset } from "./index.js";

function dataset(): { dir: string; shard: string } {
  const dir = mkdtempSync(join(tmpdir(), "choreo-dataset-"));
  const bytes = encodeSafetensors({
    motion: { dtype: "F32", shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
  });
  const shard = join(dir, "train-00000.safetensors");
  writeFileSync(shard, bytes);
  const splits = {
    train: { file: "train-00000.safetensors", digest: digestOf(bytes), bytes: bytes.length, items: 2 },
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ format: "choreo-dataset-v1", splits }));
  return { dir, shard };
}

const problems = async (dir: string) => (await verifyDataset(dir)).shards.map((s) => s.problem);

describe("verifyDataset", () => {
  it("accepts a folder whose shards match the manifest", async () => {
    const { dir } = dataset();
    expect(await verifyDataset(dir)).toMatchObject({ ok: true, shards: [{ split: "train", hashed: true }] });
  });

  it("names a flipped byte, a truncated shard and a missing one", async () => {
    const flipped = dataset();
    const bytes = readFileSync(flipped.shard);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(flipped.shard, bytes);
    expect(await problems(flipped.dir)).toEqual(["digest"]);
    const cut = dataset();
    truncateSync(cut.shard, 10);
    expect(await problems(cut.dir)).toEqual(["size"]);
    const gone = dataset();
    rmSync(gone.shard);
    expect(await problems(gone.dir)).toEqual(["missing"]);
  });

  it("checks only sizes of large shards when asked for a cheap check", async () => {
    const { dir } = dataset();
    expect((await verifyDataset(dir, { full: false, smallBytes: 8 })).shards[0]).toMatchObject({
      hashed: false,
    });
  });

  it("refuses a manifest whose shard file would escape the folder, or with wrong types", async () => {
    const { dir } = dataset();
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
      splits: { train: Record<string, unknown> };
    };
    manifest.splits.train.file = "../../etc/passwd";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    await expect(verifyDataset(dir)).rejects.toMatchObject({ _tag: "UnsafePathSegment" });
    manifest.splits.train.bytes = "12";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    await expect(verifyDataset(dir)).rejects.toMatchObject({
      _tag: "InvalidJsonFile",
      problem: 'splits.train.bytes: expected number, got "12"',
    });
  });
});

describe("readSafetensorsHeader (strict)", () => {
  it("refuses a header whose offsets overlap, naming file and tensor", () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-header-"));
    const json = Buffer.from(
      JSON.stringify({
        a: { dtype: "U8", shape: [4], data_offsets: [0, 4] },
        b: { dtype: "U8", shape: [4], data_offsets: [2, 6] },
      }),
    );
    const file = Buffer.alloc(8 + json.length + 6);
    file.writeBigUInt64LE(BigInt(json.length));
    json.copy(file, 8);
    const path = join(dir, "x.safetensors");
    writeFileSync(path, file);
    expect(() => readSafetensorsHeader(path)).toThrow(
      expect.objectContaining({ _tag: "InvalidSafetensors", file: path, tensor: "b" }),
    );
  });

  it("refuses a FIFO before opening it", () => {
    const path = join(mkdtempSync(join(tmpdir(), "choreo-fifo-")), "pipe.safetensors");
    execFileSync("mkfifo", [path]);
    expect(() => readSafetensorsHeader(path)).toThrow(expect.objectContaining({ _tag: "NotRegularFile" }));
  });
});
