import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeWav, findFfmpeg, probeMedia } from "@choreo/ingest";
import { coco17, parseMotion } from "@choreo/motion";
import { previewMotionOfSmpl } from "./itemMotion.js";
import { renderPreview } from "./renderPreview.js";

const fixture = new URL("../../ingest/test/fixtures/easymocap/smplfull_small.json", import.meta.url);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "render-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `frames` repeats of the 5-frame fixture, so the clip is long enough to measure (the motion loops). */
async function fixtureMotion(frames: number, fps: number) {
  const seq = parseMotion(await readFile(fixture), fixture.pathname, { fps });
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    poses.set(seq.poses.subarray((t % 5) * 72, (t % 5) * 72 + 72), t * 72);
    trans.set(seq.trans.subarray((t % 5) * 3, (t % 5) * 3 + 3), t * 3);
  }
  return previewMotionOfSmpl({
    ...seq,
    frames,
    poses: Float32Array.from(poses),
    trans: Float32Array.from(trans),
  });
}

describe("renderPreview", () => {
  it("writes an mp4 whose duration, fps and audio stream match the motion and music", async () => {
    const fps = 25;
    const motion = await fixtureMotion(40, fps); // 1.6 s
    const sampleRateHz = 22050;
    const samples = Float32Array.from(
      { length: sampleRateHz * 2 },
      (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / sampleRateHz),
    );
    const audioPath = join(dir, "music.wav");
    await writeFile(audioPath, encodeWav({ samples, sampleRateHz }));
    const out = join(dir, "preview.mp4");
    const lyrics = { lines: [{ startSec: 0.2, endSec: 1.2, text: "la la: it's a 'test'" }] };
    const result = await renderPreview(motion, {
      out,
      audioPath,
      lyrics,
      width: 128,
      height: 96,
      beatsSec: [0, 0.5, 1, 1.5],
      orbitDegPerSec: 30,
    });
    expect(result.frames).toBe(40);
    const info = await probeMedia(out);
    expect(info.video?.fps).toBeCloseTo(fps, 6);
    expect(info.video?.frames).toBe(40);
    expect([info.video?.width, info.video?.height]).toEqual([128, 96]);
    // one AAC frame (1024 samples = 46 ms at 22.05 kHz) of slack on the audio's end
    expect(info.video?.durationSec).toBeCloseTo(1.6, 2);
    expect(info.audio?.sampleRateHz).toBe(sampleRateHz);
    expect(Math.abs((info.audio?.durationSec ?? 0) - 1.6)).toBeLessThan(0.05);
  });

  it("draws 2D keypoints over the source video's frames", async () => {
    const { ffmpegPath } = await findFfmpeg();
    const video = join(dir, "source.mp4");
    await promisify(execFile)(ffmpegPath, [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "color=c=0x208020:s=160x120:r=10:d=1",
      "-pix_fmt",
      "yuv420p",
      video,
    ]);
    const keypoints = new Float32Array(10 * 17 * 3).fill(NaN);
    for (let t = 0; t < 10; t++) {
      keypoints.set([40, 30, 1], (t * 17 + 5) * 3);
      keypoints.set([40, 90, 1], (t * 17 + 11) * 3);
    }
    const motion = {
      kind: "keypoints2d",
      skeleton: coco17,
      fps: 10,
      frames: 10,
      channels: 3,
      sourceWidth: 160,
      sourceHeight: 120,
      keypoints,
    } as const;
    const out = join(dir, "over.mp4");
    await renderPreview(motion, { out, overVideo: video, width: 160, height: 160 });
    const { stdout } = await promisify(execFile)(
      ffmpegPath,
      ["-v", "error", "-i", out, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
      { encoding: "buffer" },
    );
    const at = (x: number, y: number): number[] => [
      ...stdout.subarray((y * 160 + x) * 3, (y * 160 + x) * 3 + 3),
    ];
    const [r, g, b] = at(120, 60); // the green source frame (x264 + yuv420p: ±12)
    expect(Math.abs(r! - 0x20) + Math.abs(g! - 0x80) + Math.abs(b! - 0x20)).toBeLessThan(36);
    const [br, , bb] = at(40, 60); // the left-side bone (blue) drawn over it
    expect(bb! - br!).toBeGreaterThan(60); // chroma is subsampled 2×2, so a 3 px bone is partly blurred
  });
});
