/**
 * Turns what a user points `choreo render` / `choreo export bvh` at into motion: EasyMocap JSON, AIST++
 * motion pickles and choreo `.npy` arrays through pose's `readMotion` (SMPL sequences), the JSON that
 * `choreo pose` writes (COCO-17 keypoints in source pixels), `.npy` keypoint arrays (T, 17|33, 2..4), and one
 * item of a dataset shard (`motion` tensor: 75 = 72 axis-angle + 3 translation as in the demo, 78 = smpl78,
 * 72 = joints24 positions). Parsing of the formats themselves stays in ingest and pose.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { parseNpy } from "@choreo/ingest";
import { coco17, blazepose33, joints24, parseMotion, smpl24, type SmplSequence } from "@choreo/pose";
import { UnsupportedRenderInput } from "./errors.js";
import type { Keypoints2dMotion, PreviewMotion } from "./schema.js";
import { readShardItem } from "./shardItem.js";

/** What a render input holds: always something to draw, an SMPL sequence when it has rotations. */
export interface RenderInput {
  readonly motion: PreviewMotion;
  readonly smpl: SmplSequence | undefined;
  /** The item's lyric text (dataset items). */
  readonly text?: string;
}

/** Options of `readRenderInput`. */
export interface ReadRenderInputOptions {
  /** Frame rate where the file does not say (EasyMocap JSON, .npy, dataset items without a manifest). */
  readonly fps?: number;
  /** Item id, for a dataset folder or shard. */
  readonly item?: string;
}

/** Joints3d preview motion of an SMPL sequence (EDGE FK, y up, metres). */
export function previewMotionOfSmpl(seq: SmplSequence): PreviewMotion {
  const j = joints24(seq);
  return { kind: "joints3d", skeleton: smpl24, fps: j.fps, frames: j.frames, positionsM: j.data };
}

interface PoseJson {
  readonly fps: number | null;
  readonly width: number;
  readonly height: number;
  readonly frames: readonly { keypoints: readonly (readonly number[])[] | null }[];
}

function isPoseJson(value: unknown): value is PoseJson {
  const v = value as Partial<PoseJson> | null;
  return typeof v === "object" && v !== null && Array.isArray(v.frames) && typeof v.width === "number" && typeof v.height === "number";
}

/** Keypoints2d preview motion of `choreo pose` JSON (COCO-17; frames without a person are left empty). */
export function previewMotionOfPoseJson(value: PoseJson, fps = 30): Keypoints2dMotion {
  const keypoints = new Float32Array(value.frames.length * 17 * 3).fill(NaN);
  value.frames.forEach((f, t) => f.keypoints?.forEach((kp, j) => keypoints.set(kp.slice(0, 3), (t * 17 + j) * 3)));
  const frames = value.frames.length;
  return { kind: "keypoints2d", skeleton: coco17, fps: value.fps ?? fps, frames, channels: 3, sourceWidth: value.width, sourceHeight: value.height, keypoints };
}

/** An SMPL sequence from a dataset `motion` row block (T×75 demo layout or T×78 smpl78). */
export function smplOfMotionTensor(data: Float32Array, dims: number, fps: number, file: string): SmplSequence {
  const frames = data.length / dims;
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    const row = data.subarray(t * dims, (t + 1) * dims);
    if (dims === 75) {
      poses.set(row.subarray(0, 72), t * 72);
      trans.set(row.subarray(72, 75), t * 3);
    } else if (dims === 78) {
      // smpl78: poses with the root zeroed, then Th, then Rh (EasyMocap convention)
      poses.set(row.subarray(0, 72), t * 72);
      poses.set(row.subarray(75, 78), t * 72);
      trans.set(row.subarray(72, 75), t * 3);
    } else throw new UnsupportedRenderInput(file, `motion rows of ${dims} values are neither 75 (axis-angle + translation) nor 78 (smpl78)`);
  }
  return { frames, fps, poses, trans, scaling: 1, convention: dims === 75 ? "aistpp" : "easymocap" };
}

async function fromShard(path: string, options: ReadRenderInputOptions): Promise<RenderInput> {
  const isDir = (await stat(path)).isDirectory();
  if (options.item === undefined) throw new UnsupportedRenderInput(path, "a dataset or shard needs an item id (--item)");
  let fps = options.fps ?? 30;
  let shards = [path];
  if (isDir) {
    const manifest = JSON.parse(await readFile(join(path, "manifest.json"), "utf8")) as { fps?: number; splits: Record<string, { file: string }> };
    fps = options.fps ?? manifest.fps ?? fps;
    shards = Object.values(manifest.splits).map((s) => join(path, s.file));
  }
  const item = options.item;
  for (const shard of shards) {
    let found;
    try {
      found = readShardItem(shard, { id: item });
    } catch (error) {
      if ((error as { _tag?: string })._tag === "ItemNotFound" && shard !== shards.at(-1)) continue;
      throw error;
    }
    const motion = found.tensors["motion"];
    if (motion === undefined) throw new UnsupportedRenderInput(shard, "the shard has no `motion` tensor");
    const dims = motion.shape.at(-1) ?? 0;
    const text = found.text ?? undefined;
    if (dims === 72) {
      const frames = motion.data.length / 72;
      return { motion: { kind: "joints3d", skeleton: smpl24, fps, frames, positionsM: motion.data }, smpl: undefined, ...(text ? { text } : {}) };
    }
    const smpl = smplOfMotionTensor(motion.data, dims, fps, shard);
    return { motion: previewMotionOfSmpl(smpl), smpl, ...(text ? { text } : {}) };
  }
  throw new UnsupportedRenderInput(path, "no shards");
}

function keypointsOfNpy(bytes: Uint8Array, file: string, fps: number): Keypoints2dMotion | undefined {
  const array = parseNpy(bytes, { file });
  const [frames, joints, channels] = array.shape;
  if (array.shape.length !== 3 || (joints !== 17 && joints !== 33) || channels === undefined || channels < 2 || channels > 4) return undefined;
  if (array.dtype !== "float32" && array.dtype !== "float64") return undefined;
  const keypoints = Float32Array.from(array.data as ArrayLike<number>);
  let w = 1;
  let h = 1;
  for (let i = 0; i < keypoints.length; i += channels) {
    if (keypoints[i]! > w) w = keypoints[i]!;
    if (keypoints[i + 1]! > h) h = keypoints[i + 1]!;
  }
  const skeleton = joints === 17 ? coco17 : blazepose33;
  return { kind: "keypoints2d", skeleton, fps, frames: frames!, channels, sourceWidth: Math.ceil(w * 1.05), sourceHeight: Math.ceil(h * 1.05), keypoints };
}

/** Reads a render input (see the module comment). */
export async function readRenderInput(path: string, options: ReadRenderInputOptions = {}): Promise<RenderInput> {
  const ext = extname(path).toLowerCase();
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    (cause: unknown) => {
      throw new UnsupportedRenderInput(path, "cannot read the file", { cause });
    },
  );
  if (isDir || ext === ".safetensors") return fromShard(path, options);
  const bytes = await readFile(path);
  if (ext === ".json") {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    if (isPoseJson(value)) return { motion: previewMotionOfPoseJson(value, options.fps), smpl: undefined };
  }
  if (ext === ".npy") {
    const keypoints = keypointsOfNpy(bytes, path, options.fps ?? 30);
    if (keypoints !== undefined) return { motion: keypoints, smpl: undefined };
  }
  const smpl = parseMotion(bytes, path, options.fps !== undefined ? { fps: options.fps } : {});
  return { motion: previewMotionOfSmpl(smpl), smpl };
}
