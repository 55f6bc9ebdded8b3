/**
 * A tiny choreo dataset written in the test's temp folder: demo-layout shards (motion [N, T, 75] = SMPL
 * axis-angle + translation, music [N, T, 2] = energy + onset with a pulse on every beat, ids/texts metadata),
 * or indv-layout keypoints [N, T, 17, 3] with scores; plus the manifest that goes with them.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openShardWriter } from "@choreo/dataset";

export interface FakeDataset {
  readonly manifest: Record<string, unknown>;
  readonly dir: string;
}

function demoItem(bpm: number, frames: number, fps: number): { motion: Float32Array; music: Float32Array } {
  const motion = new Float32Array(frames * 75);
  const music = new Float32Array(frames * 2);
  for (let t = 0; t < frames; t++) {
    const phase = ((t / fps) * bpm) / 60;
    const bounce = Math.exp(-(phase % 1) * 6);
    // arms swing and turn back on every beat (a kinematic beat: speed is lowest there), knees bend per beat; the
    // turn comes a quarter frame early, as in captured motion: one exactly between two frames would give equal
    // speeds on both sides, a plateau that Bailando's strict minima (and so BAS) do not count as a beat
    const body = (((t + 0.25) / fps) * bpm) / 60;
    const swing = Math.cos(Math.PI * body);
    motion[t * 75 + 4 * 3] = 0.4 * (1 - Math.cos(2 * Math.PI * body)); // left knee
    motion[t * 75 + 5 * 3] = 0.4 * (1 - Math.cos(2 * Math.PI * body)); // right knee
    motion[t * 75 + 16 * 3 + 2] = -0.9 + 0.6 * swing; // left shoulder
    motion[t * 75 + 17 * 3 + 2] = 0.9 - 0.6 * swing;
    motion[t * 75 + 73] = 0.9;
    music[t * 2] = -20 + 10 * bounce;
    music[t * 2 + 1] = phase % 1 < 1 / 8 ? 1 : 0.05;
  }
  return { motion, music };
}

/** The manifest fields the fake datasets do not vary. */
const manifestBase = {
  format: "choreo-dataset-v1",
  config: {},
  features: {},
  normalization: {},
  tools: {},
  dropped: {},
};

/** A split's file entry with the shard's real size and digest. */
function shardEntry(
  dir: string,
  file: string,
  items: number,
): { file: string; digest: string; bytes: number; items: number } {
  const bytes = readFileSync(join(dir, file));
  return {
    file,
    digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    bytes: bytes.length,
    items,
  };
}

/** Writes a demo-like dataset with `perSplit` items per split into `dir`. */
export function writeDemoDataset(
  dir: string,
  perSplit: Record<string, number>,
  options = { fps: 30, frames: 90 },
): FakeDataset {
  const { fps, frames } = options;
  const splits: Record<string, unknown> = {};
  const sources: Record<string, unknown>[] = [];
  for (const [split, n] of Object.entries(perSplit)) {
    const file = `${split}-00000.safetensors`;
    const specs = [
      { name: "motion", dtype: "F32" as const, shape: [n, frames, 75] },
      { name: "music", dtype: "F32" as const, shape: [n, frames, 2] },
    ];
    const ids = Array.from({ length: n }, (_, i) => `${split}-song${i}@${i * 2.5}`);
    const writer = openShardWriter(join(dir, file), specs, {
      format: "choreo-shard-v1",
      split,
      ids: JSON.stringify(ids),
      texts: JSON.stringify(ids.map((id) => `la la ${id}`)),
    });
    for (let i = 0; i < n; i++) {
      const bpm = 90 + 7 * i + (split === "train" ? 0 : 3);
      sources.push({ id: ids[i], bpm, split });
      const item = demoItem(bpm, frames, fps);
      writer.write("motion", i * frames * 75, item.motion);
      writer.write("music", i * frames * 2, item.music);
    }
    writer.close();
    splits[split] = {
      ...shardEntry(dir, file, n),
      tensors: {
        motion: { dtype: "F32", shape: [n, frames, 75] },
        music: { dtype: "F32", shape: [n, frames, 2] },
      },
    };
  }
  const manifest = {
    ...manifestBase,
    name: "fake-demo",
    recipe: "demo",
    fps,
    splits,
    features: { motion: "72 SMPL axis-angle + 3 root translation", music: "energy, onset" },
    sources,
    dropped: { "sequences with missing dance frames": 2, "too short": 0 },
  };
  return { manifest, dir };
}

/** Writes an indv-like dataset: COCO-17 keypoints with scores `score(i)` for item i. */
export function writeKeypointsDataset(dir: string, items: number, score: (i: number) => number): FakeDataset {
  const frames = 20;
  const file = "train-00000.safetensors";
  const ids = Array.from({ length: items }, (_, i) => `clip${i}`);
  const writer = openShardWriter(
    join(dir, file),
    [{ name: "keypoints", dtype: "F32", shape: [items, frames, 17, 3] }],
    { split: "train", ids: JSON.stringify(ids), texts: "[]" },
  );
  for (let i = 0; i < items; i++) {
    const kp = new Float32Array(frames * 17 * 3);
    for (let k = 0; k < frames * 17; k++)
      kp.set([100 + (k % 17) * 5 + (k / 17) * 2, 50 + (k % 17) * 10, score(i)], k * 3);
    writer.write("keypoints", i * frames * 17 * 3, kp);
  }
  writer.close();
  const manifest = {
    ...manifestBase,
    name: "fake-indv",
    recipe: "indv",
    fps: 60,
    splits: {
      train: {
        ...shardEntry(dir, file, items),
        tensors: { keypoints: { dtype: "F32", shape: [items, frames, 17, 3] } },
      },
    },
    sources: [],
  };
  return { manifest, dir };
}
