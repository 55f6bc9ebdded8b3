// `pnpm bench render`: frames per second of the preview renderer at 512×512 (override with --size N):
// drawing only (SMPL-24 joints with grid, orbit and beat timeline; COCO-17 keypoints), and the whole preview
// (drawing + raw frames streamed into ffmpeg's libx264) for a 10 s, 30 fps synthetic dance.
// Usage: pnpm bench render [--size 512] [--frames 300]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { coco17, forwardKinematics, smpl24 } from "@choreo/motion";
import { createCanvas, createPreviewRenderer, encodePreview, type PreviewMotion } from "../src/index.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number =>
  Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
const size = arg("--size", 512);
const frames = arg("--frames", 300);
const fps = 30;

function dance(): PreviewMotion {
  const rotations = new Float64Array(frames * 72);
  const root = new Float64Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    const beat = (t / fps) * 2; // 120 BPM
    rotations[t * 72 + 4 * 3] = 0.4 * (1 - Math.cos(2 * Math.PI * beat));
    rotations[t * 72 + 5 * 3] = 0.4 * (1 - Math.cos(2 * Math.PI * beat));
    rotations[t * 72 + 16 * 3 + 2] = -0.9 + 0.6 * Math.cos(Math.PI * beat);
    rotations[t * 72 + 17 * 3 + 2] = 0.9 - 0.6 * Math.cos(Math.PI * beat);
    rotations[t * 72 + 1] = 0.3 * Math.sin(t / 40);
    root.set([0.3 * Math.sin(t / 50), 0.9, 0.3 * Math.cos(t / 50)], t * 3);
  }
  return {
    kind: "joints3d",
    skeleton: smpl24,
    fps,
    frames,
    positionsM: forwardKinematics({ rotations, rootPositions: root }),
  };
}

function keypoints(): PreviewMotion {
  const kp = new Float32Array(frames * 17 * 3);
  for (let t = 0; t < frames; t++)
    for (let j = 0; j < 17; j++)
      kp.set([320 + 80 * Math.sin(j + t / 10), 80 + 22 * j, 0.9], (t * 17 + j) * 3);
  return {
    kind: "keypoints2d",
    skeleton: coco17,
    fps,
    frames,
    channels: 3,
    sourceWidth: 640,
    sourceHeight: 480,
    keypoints: kp,
  };
}

const beatsSec = Array.from({ length: Math.ceil((frames / fps) * 2) }, (_, i) => i / 2);

function drawRate(motion: PreviewMotion): number {
  const renderer = createPreviewRenderer(motion, { width: size, height: size, orbitDegPerSec: 20, beatsSec });
  const canvas = createCanvas(size, size);
  for (let i = 0; i < 30; i++) renderer.renderFrame(i % frames, canvas); // warm up
  const start = performance.now();
  for (let i = 0; i < frames; i++) renderer.renderFrame(i, canvas);
  return frames / ((performance.now() - start) / 1000);
}

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(
  `render bench: ${size}×${size}, ${frames} frames; ${cpu}, ${cpus().length} cores, Node ${process.version}`,
);
console.log(`  draw smpl24 (grid, orbit, timeline)  ${drawRate(dance()).toFixed(0)} frames/s`);
console.log(`  draw coco17 2D keypoints             ${drawRate(keypoints()).toFixed(0)} frames/s`);

const dir = mkdtempSync(join(tmpdir(), "render-bench-"));
try {
  const renderer = createPreviewRenderer(dance(), {
    width: size,
    height: size,
    orbitDegPerSec: 20,
    beatsSec,
  });
  const start = performance.now();
  const result = await encodePreview(renderer, { out: join(dir, "bench.mp4") });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `  draw + encode (${result.encoder}, ffmpeg)      ${(frames / seconds).toFixed(0)} frames/s (${seconds.toFixed(2)} s for ${(frames / fps).toFixed(1)} s of video)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
