/**
 * `pnpm bench pose [--frames N]`: pose inference throughput (frames/s) of each model on 256×256 frames of a
 * real photo panning across a real background, with 1 and 2 worker threads. Frames are decoded once up
 * front; the figures cover inference, cropping and tracking in the workers, not decoding. Chunks of 32
 * frames (+4 warm-up frames, counted as work but not as output), as `estimatePoses` sends them.
 */
import { availableParallelism, cpus } from "node:os";
import { decodeVideoFrames } from "@choreo/ingest";
import { createPoseWorkers, type FrameChunk, type PoseModelName } from "@choreo/pose";
import { makeTestVideo } from "../test/fixtures/images/videos.js";

const framesArg = process.argv.indexOf("--frames");
const totalFrames = framesArg >= 0 ? Number(process.argv[framesArg + 1]) : 192;
const chunkFrames = 32;
const warmup = 4;

const video = await makeTestVideo("pan", 6);
const decoded: Uint8Array[] = [];
for await (const frame of decodeVideoFrames(video, { width: 256, height: 256 }))
  decoded.push(frame.data.slice());

function chunk(start: number): FrameChunk {
  const count = chunkFrames + warmup;
  const data = new Uint8Array(count * 256 * 256 * 3);
  for (let i = 0; i < count; i++) data.set(decoded[(start + i) % decoded.length]!, i * 256 * 256 * 3);
  return { width: 256, height: 256, count, warmupFrames: warmup, data };
}

async function throughput(model: PoseModelName, workers: number): Promise<number> {
  const pool = createPoseWorkers(workers, { model, file: "bench" });
  try {
    await Promise.all(Array.from({ length: workers }, (_, i) => pool.estimate(chunk(i)))); // load models, warm up
    const chunks = Math.ceil(totalFrames / chunkFrames);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: chunks }, (_, i) => pool.estimate(chunk(i * chunkFrames))));
    return (chunks * chunkFrames) / ((performance.now() - t0) / 1000);
  } finally {
    await pool.terminate();
  }
}

console.log(
  `pose bench: ${totalFrames} frames of 256×256 per run; ${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores, node ${process.version}`,
);
for (const model of ["movenet-lightning", "movenet-thunder", "blazepose-full", "blazepose-heavy"] as const) {
  const one = await throughput(model, 1);
  const two = await throughput(model, 2);
  console.log(
    `${model.padEnd(18)} 1 worker ${one.toFixed(1).padStart(6)} fps   2 workers ${two.toFixed(1).padStart(6)} fps   (×${(two / one).toFixed(2)})`,
  );
}
