import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeWav, probeMedia, readPickle } from "@choreo/ingest";
import { runCli } from "./cli.js";
import { synthesizeSong } from "@choreo/recipes";

describe("choreo train and choreo sample", () => {
  it("train a tiny CVAE on the demo dataset, resume it to more steps, then sample from a song's audio and from a dataset song", async () => {
    const dir = mkdtempSync(join(tmpdir(), "train-sample-"));
    writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ demo: { songs: 3, durationSec: 8 } }));
    const built = await runCli(
      ["build-dataset", "--cache", join(dir, "cache"), "--out", join(dir, "demo"), "--json"],
      dir,
    );
    expect(built.code, built.stderr).toBe(0);
    const trained = await runCli(
      [
        "train",
        "--model",
        "cvae",
        "--dataset",
        join(dir, "demo"),
        "--preset",
        "tiny",
        "--steps",
        "30",
        "--backend",
        "wasm",
        "--out",
        join(dir, "run"),
      ],
      dir,
    );
    expect(trained.code, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout.trim().split("\n").at(-1)!) as {
      lastLoss: number;
      firstLoss: number;
      backend: string;
    };
    expect(summary.backend).toBe("wasm");
    expect(summary.lastLoss).toBeLessThan(summary.firstLoss);
    // Each validation prints the model's val loss beside the mean-pose baseline's.
    expect(trained.stderr).toMatch(/step 30 val \d+\.\d+ \(mean pose \d+\.\d+\)/);
    const resumeArgs = ["--dataset", join(dir, "demo"), "--preset", "tiny", "--backend", "wasm"];
    const more = await runCli(
      ["train", "--model", "cvae", ...resumeArgs, "--steps", "36", "--out", join(dir, "run"), "--resume"],
      dir,
    );
    expect(more.code, more.stderr).toBe(0);
    expect(more.stderr).toContain("at step 30");
    expect((JSON.parse(more.stdout.trim().split("\n").at(-1)!) as { step: number }).step).toBe(36);
    const song = join(dir, "song.wav");
    writeFileSync(
      song,
      encodeWav({
        samples: synthesizeSong({ bpm: 120, durationSec: 6, sampleRateHz: 22050, seed: 1, rootHz: 220 }),
        sampleRateHz: 22050,
      }),
    );
    const out = join(dir, "sample.pkl");
    const preview = join(dir, "sample.mp4");
    const sampled = await runCli(
      [
        "sample",
        "--checkpoint",
        join(dir, "run"),
        "--audio",
        song,
        "--dataset",
        join(dir, "demo"),
        "--backend",
        "wasm",
        "--out",
        out,
        "--preview",
        preview,
      ],
      dir,
    );
    expect(sampled.code, sampled.stderr).toBe(0);
    const motion = (await readPickle(out)) as unknown as Map<string, { shape: number[]; data: Float32Array }>;
    expect(motion.get("smpl_poses")!.shape).toEqual([150, 72]);
    expect(motion.get("smpl_trans")!.shape).toEqual([150, 3]);
    expect(motion.get("smpl_poses")!.data.every(Number.isFinite)).toBe(true);
    const info = await probeMedia(preview);
    expect(info.video?.fps).toBe(30);
    expect(info.audio).toBeDefined();
    expect(info.durationSec).toBeCloseTo(5, 0);
    expect(readFileSync(preview).length).toBeGreaterThan(1000);
    // The sample's motion energy against the data's, per column.
    expect(sampled.stderr).toMatch(/jitter [\d.e+-]+×, \d+ moving columns \(the data: \d+\)/);
    expect(sampled.stderr).toMatch(/per column, sample\/data, furthest first: \S+ (?:[\d.e+-]+|∞)×/);

    // A song of the dataset instead of an audio file; the dataset is the run's (its run.json).
    const songId = (
      JSON.parse(readFileSync(join(dir, "demo", "manifest.json"), "utf8")) as {
        sources: { id: string }[];
      }
    ).sources[1]!.id;
    const fromSong = join(dir, "song.json");
    const args = ["--checkpoint", join(dir, "run", "checkpoint"), "--song", songId, "--out", fromSong];
    const bySong = await runCli(["sample", ...args, "--backend", "wasm"], dir);
    expect(bySong.code, bySong.stderr).toBe(0);
    expect(bySong.stderr).toContain("moving columns");
    expect(readFileSync(fromSong).length).toBeGreaterThan(1000);
    const unknown = await runCli(
      ["sample", ...args.slice(0, 3), "x", "--out", fromSong, "--backend", "wasm"],
      dir,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("UnknownWindow");
  });
});
