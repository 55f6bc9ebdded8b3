import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "../test/syntheticDataset.js";
import { openDataset } from "./dataset.js";
import { createTaskSpec } from "./task.js";

function synthetic(edit: (manifest: Record<string, unknown>) => void = () => {}): string {
  const dir = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-train-ds-")));
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

describe("openDataset", () => {
  it("refuses a shard file name that would leave the dataset folder", () => {
    const dir = synthetic(
      (m) => ((m["splits"] as Record<string, { file: string }>)["train"]!.file = "../../secret.safetensors"),
    );
    expect(() => openDataset(dir)).toThrow(
      expect.objectContaining({
        _tag: "DatasetInvalid",
        message: expect.stringContaining("splits.train.file"),
      }),
    );
  });

  it("names the bad field of a malformed manifest", () => {
    const dir = synthetic(
      (m) => ((m["splits"] as Record<string, { items: unknown }>)["train"]!.items = "many"),
    );
    expect(() => openDataset(dir)).toThrow(
      expect.objectContaining({
        _tag: "DatasetInvalid",
        message: expect.stringContaining("splits.train.items"),
      }),
    );
  });

  it("refuses a shard whose size is not the manifest's (a mixed dataset folder), naming the shard", () => {
    const dir = synthetic((m) => ((m["splits"] as Record<string, { bytes: number }>)["train"]!.bytes += 1));
    expect(() => openDataset(dir)).toThrow(
      expect.objectContaining({ _tag: "ShardMismatch", file: join(dir, "train-00000.safetensors") }),
    );
  });

  it("refuses a shard with a flipped byte (small shards are hashed)", () => {
    const dir = synthetic();
    const shard = join(dir, "train-00000.safetensors");
    const bytes = readFileSync(shard);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(shard, bytes);
    expect(() => openDataset(dir)).toThrow(expect.objectContaining({ _tag: "ShardMismatch" }));
  });
});

describe("taskSpec rhythm", () => {
  it("trains on the music column named onset_env, wherever the feature set puts it", () => {
    expect(createTaskSpec("rhythm", openDataset(synthetic())).target?.column).toBe(1);
    // The same data with the columns named the other way round: the target follows the name, not the position
    // (the old rule, "the last column", would pick the beat column here).
    const swapped = synthetic(
      (m) => ((m["columns"] as Record<string, string[]>)["music"] = ["onset_env", "beat"]),
    );
    expect(createTaskSpec("rhythm", openDataset(swapped)).target?.column).toBe(0);
  });

  it("is MissingColumn when the manifest names no onset_env column", () => {
    const dir = synthetic((m) => (m["columns"] = {}));
    expect(() => createTaskSpec("rhythm", openDataset(dir))).toThrow(
      expect.objectContaining({ _tag: "MissingColumn" }),
    );
  });
});
