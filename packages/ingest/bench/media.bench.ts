/**
 * Media decoding benchmark: generates a 60 s 1080p30 H.264 file (testsrc2 + sine) in a temp dir, then times
 * decodeVideoFrames to 256×256 RGB (frames/s), decodeAudio to 18 kHz mono PCM (ms), and `ffmpeg -i file -f null -`
 * on the same file (the ratio says what our piping and conversion cost over a bare decode).
 * Run: node --import tsx packages/ingest/bench/media.bench.ts [--seconds 60] [--keep]
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeAudio, decodeVideoFrames, findFfmpeg } from "../src/index.js";

const run = promisify(execFile);
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1] ?? 60) || 60;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const { ffmpegPath } = await findFfmpeg();
const dir = await mkdtemp(join(tmpdir(), "choreo-bench-"));
const file = join(dir, "bench_1080p30.mp4");
const make = await timed(() =>
  run(ffmpegPath, [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=1920x1080:rate=30:duration=${seconds}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
    file,
  ]),
);

const baseline = await timed(() =>
  run(ffmpegPath, ["-hide_banner", "-loglevel", "error", "-i", file, "-f", "null", "-"]),
);
const video = await timed(async () => {
  let frames = 0;
  let checksum = 0;
  for await (const frame of decodeVideoFrames(file, { fps: 30, width: 256, height: 256 })) {
    frames += 1;
    checksum = (checksum + frame.data[frame.data.length >> 1]!) | 0;
  }
  return { frames, checksum };
});
const audio = await timed(() => decodeAudio(file, { sampleRateHz: 18000 }));
const memory = process.memoryUsage();

const report = {
  machine: `${cpus().length}× ${cpus()[0]?.model ?? "?"}`,
  ffmpeg: ffmpegPath,
  fileSec: seconds,
  generateMs: Math.round(make.ms),
  ffmpegNullMs: Math.round(baseline.ms),
  video256: {
    frames: video.value.frames,
    ms: Math.round(video.ms),
    framesPerSec: Math.round((video.value.frames / video.ms) * 1000),
    ratioToNull: +(video.ms / baseline.ms).toFixed(2),
  },
  audio18k: {
    samples: audio.value.samples.length,
    ms: Math.round(audio.ms),
    ratioToNull: +(audio.ms / baseline.ms).toFixed(2),
  },
  rssMiB: Math.round(memory.rss / 2 ** 20),
};
console.log(JSON.stringify(report, null, 2));
if (!args.includes("--keep")) await rm(dir, { recursive: true, force: true });
else console.log(`kept ${file}`);
