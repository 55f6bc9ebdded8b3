import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

// Real-tool fixtures of @choreo/ingest (numpy pickles, ffmpeg media, LRC).
const fixture = (p: string) =>
  fileURLToPath(new URL(`../../../packages/ingest/test/fixtures/${p}`, import.meta.url));

describe("choreo inspect", () => {
  it("shows the arrays of an AIST++ motions pickle", async () => {
    const r = await runCli(["inspect", fixture("aistpp/motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl")], tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/smpl_poses: ndarray float32 \[4, 72\]/);
    expect(r.stdout).toMatch(/smpl_trans: ndarray float32 \[4, 3\]/);
  });

  it("shows the streams of a video and the span of an LRC file", async () => {
    const media = await runCli(["inspect", fixture("media/pattern_tone.mp4")], tmpdir());
    expect(media.stdout).toMatch(/video \d+×\d+ [\d.]+ fps/);
    expect(media.stdout).toMatch(/audio \d+ Hz/);
    const lrc = await runCli(["inspect", fixture("lrc/song.lrc")], tmpdir());
    expect(lrc.stdout).toMatch(/^lrc .*: \d+ lines/);
  });

  it("names the file and the problem for a broken input", async () => {
    const r = await runCli(["inspect", fixture("npy/bad_magic.npy")], tmpdir());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InvalidFormat: \[ingest\] .*bad_magic\.npy/);
  });
});
