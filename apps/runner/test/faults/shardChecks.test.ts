// Readers check a dataset's shards against its manifest (issue 13, "What to build" §2): train, render,
// inspect, sample and eval refuse a shard whose size or sha256 is not the manifest's with one ShardMismatch
// line naming the shard (exit 1) — always the size, the sha256 of shards up to 64 MiB or of all with --verify.
import { cpSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, workdir } from "../cli.js";
import { expectIntact } from "./intact.js";

let dir: string;
let cache: string;
let dataset: string;

beforeAll(async () => {
  dir = workdir({ songs: 3, durationSec: 8 });
  cache = join(dir, "cache");
  dataset = join(dir, "demo");
  const built = await runCli(["build-dataset", "--cache", cache, "--out", dataset, "--quiet"], dir);
  expect(built.code, built.stderr).toBe(0);
  const args = [
    "--model",
    "cvae",
    "--dataset",
    dataset,
    "--preset",
    "tiny",
    "--backend",
    "wasm",
    "--steps",
    "2",
  ];
  const trained = await runCli(["train", ...args, "--out", join(dir, "run")], dir);
  expect(trained.code, trained.stderr).toBe(0);
  cpSync(join(__dirname, "..", "fixtures", "a_clicks_120bpm_22050.wav"), join(dir, "clicks.wav"));
}, 240_000);

/** A copy of the dataset with its train shard damaged by `damage`. */
function damaged(name: string, damage: (shard: string) => void): string {
  const copy = join(dir, name);
  cpSync(dataset, copy, { recursive: true, dereference: true });
  damage(join(copy, "train-00000.safetensors"));
  return copy;
}

const readers = (ds: string): [string, string[]][] => [
  ["inspect", ["inspect", ds]],
  ["inspect --verify", ["inspect", ds, "--verify"]],
  [
    "train",
    [
      "train",
      "--model",
      "cvae",
      "--dataset",
      ds,
      "--preset",
      "tiny",
      "--backend",
      "wasm",
      "--out",
      join(dir, "r2"),
    ],
  ],
  ["render", ["render", ds, "--item", "song00_00000", "--out", join(dir, "x.mp4")]],
  ["eval", ["eval", "motion", "--pred", ds, "--metrics", "pfc"]],
  [
    "sample",
    [
      "sample",
      "--checkpoint",
      join(dir, "run", "checkpoint"),
      "--audio",
      "clicks.wav",
      "--dataset",
      ds,
    ].concat(["--backend", "wasm", "--out", join(dir, "s.pkl")]),
  ],
];

describe("readers of a damaged dataset folder", () => {
  it("accept the whole dataset (inspect --verify)", async () => {
    const r = await runCli(["inspect", dataset, "--verify"], dir);
    expect(r.code, r.stderr).toBe(0);
  });

  it("refuse a shard with one flipped byte, naming it (train, render, inspect, sample, eval)", async () => {
    const ds = damaged("flipped", (shard) => {
      const bytes = readFileSync(shard);
      bytes[bytes.length - 5]! ^= 1;
      writeFileSync(shard, bytes);
    });
    const shard = join(ds, "train-00000.safetensors");
    for (const [name, args] of readers(ds)) {
      const r = await runCli(args, dir);
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
      const line = r.stderr.trim().split("\n").at(-1)!;
      expect(line, name).toMatch(
        new RegExp(
          `^ShardMismatch: \\[dataset\\] shard ${shard}: sha256 [0-9a-f]{12}… is not the manifest's [0-9a-f]{12}…`,
        ),
      );
    }
  });

  it("refuse a truncated shard by its size", async () => {
    const ds = damaged("cut", (shard) => truncateSync(shard, 1000));
    for (const [name, args] of readers(ds).slice(0, 4)) {
      const r = await runCli(args, dir);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toContain(
        `ShardMismatch: [dataset] shard ${join(ds, "train-00000.safetensors")}: 1000 bytes where the manifest says`,
      );
    }
    await expectIntact(dir, cache, dataset);
  });
});
