import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeWav, probeMedia } from "@choreo/ingest";
import { runCli } from "./cli.js";

const easymocap = fileURLToPath(
  new URL("../../../packages/ingest/test/fixtures/easymocap/smplfull_small.json", import.meta.url),
);

describe("choreo render", () => {
  it("renders a motion file with music and LRC lyrics to an mp4 of the motion's length", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-render-"));
    const sampleRateHz = 22050;
    const samples = Float32Array.from(
      { length: sampleRateHz },
      (_, i) => (i % 11025 < 600 ? 0.5 : 0) * Math.sin(i / 3),
    );
    writeFileSync(join(dir, "music.wav"), encodeWav({ samples, sampleRateHz }));
    writeFileSync(join(dir, "lyrics.lrc"), "[00:00.10]first line\n[00:00.40]second line\n");
    const out = join(dir, "preview.mp4");
    const r = await runCli(
      [
        "render",
        easymocap,
        "--fps",
        "10",
        "--audio",
        "music.wav",
        "--lyrics",
        "lyrics.lrc",
        "--size",
        "128x128",
        "--orbit",
        "45",
        "--out",
        out,
      ],
      dir,
    );
    expect(r.stderr).toContain("5 frames at 10 fps");
    expect(r.code).toBe(0);
    const info = await probeMedia(out);
    expect(info.video?.frames).toBe(5);
    expect(info.video?.fps).toBeCloseTo(10, 6);
    expect(info.audio).toBeDefined();
  });

  it("refuses a missing --out", async () => {
    const r = await runCli(["render", easymocap], tmpdir());
    expect(r.code).toBe(2);
  });
});

describe("choreo export bvh", () => {
  it("writes a BVH with the SMPL hierarchy, frames and frame time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-bvh-"));
    const out = join(dir, "motion.bvh");
    const r = await runCli(["export", "bvh", easymocap, "--fps", "25", "--order", "ZYX", "--out", out], dir);
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/^HIERARCHY\nROOT root\n/);
    expect(text).toContain("CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation");
    expect(text).toMatch(/Frames: 5\nFrame Time: 0\.040000000\n/);
  });

  it("names the problem of an input without rotations", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-bvh-"));
    writeFileSync(
      join(dir, "pose.json"),
      JSON.stringify({
        model: "movenet-lightning",
        fps: 30,
        width: 64,
        height: 64,
        clipFlags: [],
        frames: [{ keypoints: null, flags: ["no-person"] }],
      }),
    );
    const r = await runCli(["export", "bvh", "pose.json", "--out", "x.bvh"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("UnsupportedRenderInput");
  });
});
