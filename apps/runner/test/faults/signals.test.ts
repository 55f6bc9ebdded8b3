// SIGINT and SIGTERM on the long commands (issue 13, finding 6): each ends within a second or so (3 s here:
// the test machines share their cores), says so in one line and exits 130 / 143; train writes a checkpoint
// that --resume continues from, build-dataset leaves the previous dataset and the cache whole, render leaves
// no half-written video. Each signal is sent once the command is under way (its handlers installed, and
// for train and build-dataset once it has logged progress).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeNpy } from "@choreo/ingest";
import { runCli, runFfmpeg, workdir } from "../cli.js";
import { expectIntact } from "./intact.js";
import { startSignalled } from "./signalled.js";

const handled = "[test] signal handlers installed";
const maxSeconds = 3;

let dir: string;
let cache: string;
let dataset: string;

beforeAll(async () => {
  dir = workdir({ songs: 3, durationSec: 8 });
  cache = join(dir, "cache");
  dataset = join(dir, "demo");
  const built = await runCli(["build-dataset", "--cache", cache, "--out", dataset, "--quiet"], dir);
  expect(built.code, built.stderr).toBe(0);
}, 240_000);

function interruptedLines(stderr: string, signal: string): number {
  return stderr.split("\n").filter((l) => l.startsWith(`interrupted by ${signal}`)).length;
}

describe("choreo train", () => {
  it("writes a checkpoint on SIGINT, exits 130, and --resume continues from it", async () => {
    const run = join(dir, "run");
    const args = ["train", "--model", "cvae", "--dataset", dataset, "--preset", "tiny", "--backend", "wasm"];
    const cli = startSignalled([...args, "--steps", "100000", "--out", run], dir);
    await cli.waitFor("step 10 ");
    const stop = await cli.interrupt("SIGINT");
    const { stderr } = cli.output();
    expect(stop.code, stderr).toBe(130);
    expect(stop.seconds).toBeLessThan(maxSeconds);
    expect(interruptedLines(stderr, "SIGINT")).toBe(1);
    const at = (
      JSON.parse(readFileSync(join(run, "checkpoint", "checkpoint.json"), "utf8")) as { step: number }
    ).step;
    expect(at).toBeGreaterThanOrEqual(10);
    expect(stderr).toContain(`stopped at step ${at}, checkpoint written`);

    const resumed = await runCli([...args, "--steps", String(at + 2), "--out", run, "--resume"], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resumed from ${join(run, "checkpoint")} at step ${at}`);
    expect((JSON.parse(resumed.stdout.trim().split("\n").at(-1)!) as { step: number }).step).toBe(at + 2);
  });
});

describe("choreo build-dataset", () => {
  it("stops on SIGTERM with 143, leaving the previous dataset and the cache whole", async () => {
    const manifest = readFileSync(join(dataset, "manifest.json"));
    writeFileSync(join(dir, "bigger.json"), JSON.stringify({ demo: { songs: 8, durationSec: 30 } }));
    const cli = startSignalled(
      ["build-dataset", "--config", "bigger.json", "--cache", cache, "--out", dataset],
      dir,
    );
    await cli.waitFor("demo.synth");
    const stop = await cli.interrupt("SIGTERM");
    const { stderr } = cli.output();
    expect(stop.code, stderr).toBe(143);
    expect(stop.seconds).toBeLessThan(maxSeconds);
    expect(interruptedLines(stderr, "SIGTERM")).toBe(1);
    expect(readFileSync(join(dataset, "manifest.json")).equals(manifest)).toBe(true);
    await expectIntact(dir, cache, dataset);
  });
});

describe("choreo render", () => {
  it("stops on SIGINT with 130 and leaves no half-written video", async () => {
    const rows = new Float32Array(3000 * 75);
    for (let t = 0; t < 3000; t++) rows[t * 75 + 73] = 0.9; // 100 s standing still: encoding takes a while
    writeFileSync(join(dir, "long.npy"), encodeNpy({ dtype: "float32", shape: [3000, 75], data: rows }));
    const out = join(dir, "long.mp4");
    const cli = startSignalled(["render", "long.npy", "--out", out], dir);
    await cli.waitFor(handled);
    await sleep(1000);
    const stop = await cli.interrupt("SIGINT");
    expect(stop.code, cli.output().stderr).toBe(130);
    expect(stop.seconds).toBeLessThan(maxSeconds);
    expect(existsSync(out)).toBe(false);
  });
});

describe("choreo pose", () => {
  it("ends on SIGTERM with 143 while it estimates", async () => {
    const video = join(dir, "v20.mp4");
    await runFfmpeg(
      ["-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30"].concat([
        "-t",
        "20",
        "-pix_fmt",
        "yuv420p",
        video,
      ]),
    );
    const cli = startSignalled(["pose", video, "--out", join(dir, "poses.json")], dir);
    await cli.waitFor(handled);
    await sleep(1500);
    const stop = await cli.interrupt("SIGTERM");
    expect(stop.code, cli.output().stderr).toBe(143);
    expect(stop.seconds).toBeLessThan(maxSeconds);
    expect(interruptedLines(cli.output().stderr, "SIGTERM")).toBe(1);
    expect(existsSync(join(dir, "poses.json"))).toBe(false);
  });
});

describe("choreo eval motion", () => {
  it("ends on SIGINT with 130 while it reads the predictions", async () => {
    const pred = join(dir, "pred");
    mkdirSync(pred);
    const joints = new Float32Array(20 * 72).map((_, i) => Math.sin(i));
    for (let i = 0; i < 3000; i++)
      writeFileSync(
        join(pred, `s${i}.npy`),
        encodeNpy({ dtype: "float32", shape: [20, 24, 3], data: joints }),
      );
    const cli = startSignalled(["eval", "motion", "--pred", pred, "--metrics", "pfc"], dir);
    await cli.waitFor(handled);
    const stop = await cli.interrupt("SIGINT");
    expect(stop.code, cli.output().stderr).toBe(130);
    expect(stop.seconds).toBeLessThan(maxSeconds);
    expect(cli.output().stdout).toBe("");
  });
});
