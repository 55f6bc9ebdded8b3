import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findFfmpeg, findOnPath } from "./ffmpeg.js";
import { decodeAudio, parseRate, probeMedia } from "./media.js";
import { decodeVideoFrames, forEachVideoFrame } from "./videoFrames.js";
import { readWav } from "./wav.js";

const media = (name: string): string =>
  fileURLToPath(new URL(`../test/fixtures/media/${name}`, import.meta.url));

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / x.length);
}

describe("findOnPath", () => {
  it("finds the first executable of that name on a PATH and nothing on an empty one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "findOnPath-"));
    writeFileSync(join(dir, "not-exec"), "");
    writeFileSync(join(dir, "ffmpeg"), "#!/bin/sh\n");
    chmodSync(join(dir, "ffmpeg"), 0o755);
    expect(await findOnPath("ffmpeg", `/nonexistent:${dir}`)).toBe(join(dir, "ffmpeg"));
    expect(await findOnPath("not-exec", dir)).toBeUndefined();
    expect(await findOnPath("ffmpeg", "")).toBeUndefined();
  });
});

describe("findFfmpeg", () => {
  it("finds ffmpeg and ffprobe on PATH or in the @ffmpeg-installer packages", async () => {
    const tools = await findFfmpeg();
    expect(tools.ffmpegPath).toMatch(/ffmpeg$/);
    expect(tools.ffprobePath).toMatch(/ffprobe$/);
  });
});

describe("parseRate", () => {
  it("parses ffprobe rates", () => {
    expect(parseRate("30000/1001")).toBeCloseTo(29.97, 2);
    expect(parseRate("30/1")).toBe(30);
    expect(parseRate("0/0")).toBeUndefined();
  });
});

describe("probeMedia", () => {
  it("reports duration, streams, fps, size and codecs", async () => {
    const info = await probeMedia(media("pattern_tone.mp4"));
    expect(info.durationSec).toBeCloseTo(2, 1);
    expect(info.video).toMatchObject({
      codec: "h264",
      width: 64,
      height: 48,
      fps: 30,
      pixelFormat: "yuv420p",
      frames: 60,
    });
    expect(info.audio).toMatchObject({ codec: "aac", sampleRateHz: 48000, channels: 2 });
    expect(info.streams).toHaveLength(2);
    expect(info.sizeBytes).toBeGreaterThan(1000);
  });

  it("fails with DecodeFailed on text named .png instead of calling it a 0×0 image", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "probe-")), "notimg.png");
    writeFileSync(file, "hello\n");
    await expect(probeMedia(file)).rejects.toMatchObject({
      _tag: "DecodeFailed",
      file,
      message: expect.stringContaining("0×0"),
    });
  });

  it("fails with DecodeFailed on a truncated mp4", async () => {
    await expect(probeMedia(media("truncated.mp4"))).rejects.toMatchObject({
      _tag: "DecodeFailed",
      file: media("truncated.mp4"),
    });
  });
});

describe("decodeAudio", () => {
  it("matches readWav exactly on PCM16 WAV at the native rate, mono and stereo", async () => {
    const file = media("tone_stereo.wav");
    expect((await decodeAudio(file)).samples).toEqual((await readWav(file)).samples);
    const stereo = await decodeAudio(file, { mono: false });
    expect(stereo.channels).toBe(2);
    expect(stereo.samples).toEqual((await readWav(file, { mono: false })).samples);
  });

  it("cuts offset and duration to int(seconds × rate) samples", async () => {
    const file = media("tone_stereo.wav");
    const cut = await decodeAudio(file, { offsetSec: 0.1, durationSec: 0.2 });
    expect(cut.samples.length).toBe(3200);
    expect(cut.samples).toEqual((await readWav(file, { offsetSec: 0.1, durationSec: 0.2 })).samples);
  });

  it("resamples AAC to the requested rate and averages channels", async () => {
    const pcm = await decodeAudio(media("pattern_tone.mp4"), {
      sampleRateHz: 18000,
      offsetSec: 0.5,
      durationSec: 1,
    });
    expect(pcm).toMatchObject({ sampleRateHz: 18000, channels: 1 });
    expect(pcm.samples.length).toBe(18000);
    // mono = (0.5 sin 440 + 0.25 sin 660) / 2 → RMS sqrt(0.25²/2 + 0.125²/2) ≈ 0.1976; 5%: lossy AAC (96 kb/s)
    expect(rms(pcm.samples)).toBeGreaterThan(0.1976 * 0.95);
    expect(rms(pcm.samples)).toBeLessThan(0.1976 * 1.05);
  });

  it("fails with NoAudioStream on a video without audio", async () => {
    await expect(decodeAudio(media("halves_noaudio.mp4"))).rejects.toMatchObject({ _tag: "NoAudioStream" });
  });

  it("fails with DecodeFailed on text named .png instead of calling it a 0×0 image", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "probe-")), "notimg.png");
    writeFileSync(file, "hello\n");
    await expect(probeMedia(file)).rejects.toMatchObject({
      _tag: "DecodeFailed",
      file,
      message: expect.stringContaining("0×0"),
    });
  });

  it("fails with DecodeFailed on a truncated mp4", async () => {
    await expect(decodeAudio(media("truncated.mp4"))).rejects.toMatchObject({ _tag: "DecodeFailed" });
  });
});

function meanRgb(data: Uint8Array, width: number, x0: number, x1: number): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < data.length; i += 3) {
    const x = (i / 3) % width;
    if (x < x0 || x >= x1) continue;
    sum[0]! += data[i]!;
    sum[1]! += data[i + 1]!;
    sum[2]! += data[i + 2]!;
    n += 1;
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

describe("decodeVideoFrames", () => {
  it("decodes every frame at the native rate as RGB24", async () => {
    const frames: { index: number; timeSec: number; bytes: number }[] = [];
    for await (const f of decodeVideoFrames(media("pattern_tone.mp4")))
      frames.push({ index: f.index, timeSec: f.timeSec, bytes: f.data.length });
    expect(frames).toHaveLength(60);
    expect(frames[59]).toEqual({ index: 59, timeSec: 59 / 30, bytes: 64 * 48 * 3 });
  });

  it("resamples to an exact fps, rounding down, and scales", async () => {
    const seen = { count: 0, width: 0, height: 0 };
    const count = await forEachVideoFrame(
      media("pattern_tone.mp4"),
      { fps: 12, width: 32, height: 24 },
      (f) => {
        seen.count += 1;
        seen.width = f.width;
        seen.height = f.height;
        expect(f.data.length).toBe(32 * 24 * 3);
      },
    );
    expect(count).toBe(24);
    expect(seen).toEqual({ count: 24, width: 32, height: 24 });
    expect(await forEachVideoFrame(media("pattern_tone.mp4"), { fps: 7 }, () => undefined)).toBe(14);
  });

  it("trims with startSec and durationSec", async () => {
    const times: number[] = [];
    await forEachVideoFrame(
      media("pattern_tone.mp4"),
      { fps: 10, startSec: 0.5, durationSec: 1 },
      (f) => void times.push(f.timeSec),
    );
    expect(times).toHaveLength(10);
    expect(times[0]).toBe(0.5);
  });

  it("crops left, right and center halves as JustLMD's ffmpeg filters", async () => {
    const first = async (
      crop: "left" | "right" | "center" | "full",
    ): Promise<{ width: number; rgb: Uint8Array }> => {
      for await (const f of decodeVideoFrames(media("halves_noaudio.mp4"), { crop }))
        return { width: f.width, rgb: f.data.slice() };
      throw new Error("no frame");
    };
    const left = await first("left");
    const right = await first("right");
    const center = await first("center");
    expect([left.width, right.width, center.width, (await first("full")).width]).toEqual([32, 32, 32, 64]);
    // tolerance 40/255: H.264 at crf 35 and yuv420p chroma blur the red/blue colours
    const [lr, , lb] = meanRgb(left.rgb, 32, 0, 32);
    const [rr, , rb] = meanRgb(right.rgb, 32, 0, 32);
    expect(lr).toBeGreaterThan(200);
    expect(lb).toBeLessThan(40);
    expect(rb).toBeGreaterThan(200);
    expect(rr).toBeLessThan(40);
    expect(meanRgb(center.rgb, 32, 0, 14)[0]).toBeGreaterThan(200);
    expect(meanRgb(center.rgb, 32, 18, 32)[2]).toBeGreaterThan(200);
  });

  it("stops ffmpeg when the consumer stops early", async () => {
    let n = 0;
    for await (const f of decodeVideoFrames(media("pattern_tone.mp4"))) {
      n = f.index + 1;
      if (n === 3) break;
    }
    expect(n).toBe(3);
  });

  it("fails with NoVideoStream on audio only and DecodeFailed on a truncated mp4", async () => {
    await expect(decodeVideoFrames(media("tone_stereo.wav")).next()).rejects.toMatchObject({
      _tag: "NoVideoStream",
    });
    await expect(decodeVideoFrames(media("truncated.mp4")).next()).rejects.toMatchObject({
      _tag: "DecodeFailed",
    });
  });
});
