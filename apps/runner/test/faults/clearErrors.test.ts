// Bad flags and bad inputs at the CLI (issue 13, findings 7 and 8): each is one tagged line naming the flag or
// file, the bad value and what is allowed (zod issues as `flag: expected ..., got ...`), with exit 2 for a bad
// flag or config value and 1 for bad data — never a silent exit 0, a raw zod array or an unnamed file.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeMotionFile } from "@choreo/dataset";
import { encodeNpy } from "@choreo/ingest";
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
  writeFileSync(join(dir, "still.npy"), npy(new Float32Array(4 * 75), [4, 75]));
  cpSync(join(__dirname, "..", "fixtures", "a_clicks_120bpm_22050.wav"), join(dir, "clicks.wav"));
}, 240_000);

const npy = (data: Float32Array, shape: number[]): Uint8Array => encodeNpy({ dtype: "float32", shape, data });

/** Runs choreo in the scratch folder; the last stderr line (the error) and the exit code. */
async function fails(...args: string[]): Promise<{ code: number | null; line: string; stderr: string }> {
  const r = await runCli(args, dir);
  const lines = r.stderr
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("usage:") && !l.startsWith("backend "));
  return { code: r.code, line: lines.at(-1) ?? "", stderr: r.stderr };
}

describe("bad flags: exit 2, the flag named", () => {
  it.each([
    [["eval", "motion", "--pred", "p", "--fps", "0"], "--fps: expected a number > 0, got 0"],
    [
      ["render", "still.npy", "--size", "0x0", "--out", "r.mp4"],
      'InvalidRenderOption: [render] option --size: expected WxH with sides from 64 to 4096, got "0x0"',
    ],
    [
      ["render", "still.npy", "--fps=-1", "--out", "r.mp4"],
      "InvalidOption: [core] --fps: expected a number > 0, got -1",
    ],
    [
      ["train", "--model", "cvae", "--dataset", "demo", "--steps", "0"],
      "InvalidOption: [core] --steps: expected a number > 0, got 0",
    ],
    [
      ["train", "--model", "cvae", "--dataset", "demo", "--steps", "ten"],
      'InvalidOption: [core] --steps: expected number, got "ten"',
    ],
    [
      ["audio", "features", "clicks.wav", "--set", "beats", "--start-bpm", "0"],
      "InvalidOption: [core] --start-bpm: expected a number > 0, got 0",
    ],
    [
      ["audio", "features", "clicks.wav", "--set", "beats", "--start-bpm=-5"],
      "InvalidOption: [core] --start-bpm: expected a number > 0, got -5",
    ],
    [
      ["sample", "--checkpoint", "c", "--audio", "a.wav", "--out", "s.pkl", "--guidance", "NaN"],
      "InvalidOption: [core] --guidance: expected number, got NaN",
    ],
    [
      ["sample", "--checkpoint", "c", "--audio", "a.wav", "--out", "s.pkl", "--seed", "abc"],
      'InvalidOption: [core] --seed: expected number, got "abc"',
    ],
    [
      ["sample", "--checkpoint", "c", "--audio", "a.wav", "--out", "s.pkl", "--seed", "1.5"],
      "InvalidOption: [core] --seed: expected an integer, got 1.5",
    ],
  ])("choreo %j", async (args, message) => {
    const r = await fails(...args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.line).toContain(message);
  });

  it("refuses train --resume without a checkpoint instead of starting afresh", async () => {
    const r = await fails(
      "train",
      "--model",
      "cvae",
      "--dataset",
      "demo",
      "--preset",
      "tiny",
      "--out",
      "fresh",
      "--resume",
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.line).toBe(
      `NothingToResume: [train] --resume: no checkpoint at ${join("fresh", "checkpoint")} (train without --resume to start a new run)`,
    );
  });

  it.each([
    [{ train: { stepz: 3 } }, "train: unknown key stepz"],
    [{ model: { model: "cvae", latentDimz: 8 } }, "model: unknown key latentDimz"],
    [
      { train: { steps: "3", lr: -1 } },
      'train.steps: expected number, got "3"; train.lr: expected a number > 0, got -1',
    ],
  ])("refuses the train config %j naming the file and key", async (config, problem) => {
    writeFileSync(join(dir, "train.json"), JSON.stringify(config));
    const r = await fails("train", "--model", "cvae", "--dataset", "demo", "--config", "train.json");
    expect(r.code, r.stderr).toBe(2);
    expect(r.line).toBe(`TrainConfigInvalid: [train] config train.json: ${problem}`);
  });
});

describe("bad data: exit 1, the file named", () => {
  it("names the field of a manifest with wrong types (inspect, train), and a 300-deep one", async () => {
    const bad = join(dir, "badtypes");
    cpSync(dataset, bad, { recursive: true, dereference: true });
    const manifest = JSON.parse(readFileSync(join(bad, "manifest.json"), "utf8")) as {
      splits: { train: { file: unknown } };
    };
    manifest.splits.train.file = 5;
    writeFileSync(join(bad, "manifest.json"), JSON.stringify(manifest));
    const problem = `${join("badtypes", "manifest.json")}: not a choreo dataset manifest: splits.train.file: expected string, got 5`;
    const inspect = await fails("inspect", "badtypes");
    expect(inspect.code).toBe(1);
    expect(inspect.line).toBe(`InvalidManifest: [dataset] ${problem}`);
    const train = await fails("train", "--model", "cvae", "--dataset", "badtypes", "--backend", "wasm");
    expect(train.code).toBe(1);
    expect(train.line).toContain(problem);
    writeFileSync(join(bad, "manifest.json"), `${"[".repeat(300)}${"]".repeat(300)}`);
    const deep = await fails("inspect", "badtypes");
    expect(deep.line).toMatch(
      /^InvalidManifest: \[dataset\] badtypes\/manifest\.json: JSON nests deeper than 200 levels/,
    );
  });

  it("refuses NaN and infinite motion where it enters (render, export bvh, motion convert)", async () => {
    const rows = new Float32Array(4 * 75);
    rows[10] = Number.NaN;
    writeFileSync(join(dir, "nan.npy"), npy(rows, [4, 75]));
    const render = await fails("render", "nan.npy", "--out", "nan.mp4");
    expect([render.code, render.line]).toEqual([
      1,
      "NonFiniteValues: [core] nan.npy: motion value 10 is NaN; motion values must be finite numbers",
    ]);
    await writeMotionFile(join(dir, "nan.pkl"), { motion: rows, frames: 4, dims: 75, fps: 30 });
    const bvh = await fails("export", "bvh", "nan.pkl", "--out", "nan.bvh");
    expect(bvh.code).toBe(1);
    expect(bvh.line).toMatch(/nan\.pkl: smpl_poses value 10 is NaN; motion must be finite/);
    const inf = Float32Array.from({ length: 2 * 78 }, (_, i) => (i === 3 ? Infinity : 0));
    writeFileSync(join(dir, "inf.npy"), npy(inf, [2, 78]));
    const convert = await fails("motion", "convert", "inf.npy", "--to", "joints24", "--out", "j.npy");
    expect([convert.code, convert.line]).toEqual([
      1,
      "NonFiniteValues: [core] inf.npy: motion value 3 is Infinity; motion values must be finite numbers",
    ]);
  });

  it("refuses 0-frame motion instead of writing a 0-frame video", async () => {
    writeFileSync(join(dir, "empty.npy"), npy(new Float32Array(0), [0, 75]));
    const r = await fails("render", "empty.npy", "--out", "empty.mp4");
    expect([r.code, r.line]).toEqual([
      1,
      "UnsupportedRenderInput: [render] empty.npy: has 0 frames: there is no motion to draw",
    ]);
  });

  it("refuses eval with an empty --pred folder instead of printing NaN metrics", async () => {
    mkdirSync(join(dir, "nopred"));
    const r = await fails("eval", "motion", "--pred", "nopred", "--metrics", "pfc");
    expect([r.code, r.line]).toEqual([
      1,
      "EvalInputMissing: [eval] nopred: no motion files in the folder (.npy, .pkl, .safetensors)",
    ]);
  });

  it("refuses LRC lines out of time order and absurd timestamps, naming the line", async () => {
    writeFileSync(join(dir, "back.lrc"), "[00:10.00]b\n[00:05.00]a\n");
    writeFileSync(join(dir, "far.lrc"), "[100000000000000000000:00.00]far\n");
    const slice = await fails("lrc", "slice", "back.lrc");
    expect([slice.code, slice.line]).toEqual([
      1,
      "InvalidFormat: [ingest] back.lrc: line 2 at '00:05.00' comes before line 1 at '00:10.00' (LRC lines must be in time order)",
    ]);
    const inspect = await fails("inspect", "far.lrc");
    expect([inspect.code, inspect.line]).toEqual([
      1,
      "InvalidFormat: [ingest] far.lrc: line 1 has a timestamp '100000000000000000000:00.00' past 24 hours",
    ]);
  });

  it("refuses to describe text named .png as a 0×0 video", async () => {
    writeFileSync(join(dir, "notimg.png"), "hello\n");
    const r = await fails("inspect", "notimg.png");
    expect([r.code, r.line]).toEqual([
      1,
      "DecodeFailed: [ingest] notimg.png: not a readable image or video (ffprobe finds a 0×0 picture stream)",
    ]);
  });

  it("names a WAV's odd block size in whole numbers, not as 7.99… bits", async () => {
    const wav = readFileSync(join(dir, "clicks.wav"));
    wav.writeUInt16LE(3, 22); // 3 channels in 2-byte blocks
    writeFileSync(join(dir, "odd.wav"), wav);
    const r = await fails("inspect", "odd.wav");
    expect([r.code, r.line]).toEqual([
      1,
      "InvalidFormat: [ingest] odd.wav: invalid fmt: a block of 2 bytes does not hold 3 whole samples",
    ]);
  });

  it("names the file of a truncated shard read on its own (no short read at an unnamed offset)", async () => {
    const shard = readFileSync(join(dataset, "train-00000.safetensors"));
    writeFileSync(join(dir, "cut.safetensors"), shard.subarray(0, shard.length - 1000));
    const r = await fails("render", "cut.safetensors", "--item", "song00_00000", "--out", "cut.mp4");
    expect(r.code).toBe(1);
    expect(r.line).toMatch(/^InvalidSafetensors: \[core\] safetensors cut\.safetensors tensor \w+: /);
    await expectIntact(dir, cache, dataset);
  });
});
