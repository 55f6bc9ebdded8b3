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
import { coco17, parseMotion, type SmplSequence } from "@choreo/pose";
import { itemMotion, keypointsMotion, motionOfRows, previewMotionOfSmpl } from "./itemMotion.js";
import { ItemNotFound, UnsupportedRenderInput } from "./errors.js";
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

async function fromShard(path: string, options: ReadRenderInputOptions): Promise<RenderInput> {
  const isDir = (await stat(path)).isDirectory();
  if (options.item === undefined) throw new UnsupportedRenderInput(path, "a dataset or shard needs an item id (--item)");
  let fps = options.fps ?? 30;
  let shards = [path];
  if (isDir) {
    const manifestPath = join(path, "manifest.json");
    const manifest = await readFile(manifestPath, "utf8").then(
      (text) => JSON.parse(text) as { fps?: number; splits: Record<string, { file: string }> },
      (cause: unknown) => {
        throw new UnsupportedRenderInput(manifestPath, "a dataset folder needs its manifest.json", { cause });
      },
    );
    fps = options.fps ?? manifest.fps ?? fps;
    shards = Object.values(manifest.splits).map((s) => join(path, s.file));
  }
  const item = options.item;
  for (const shard of shards) {
    let found;
    try {
      found = readShardItem(shard, { id: item });
    } catch (error) {
      if ((error as { _tag?: string })._tag === "ItemNotFound") continue;
      throw error;
    }
    const motion = itemMotion(found, fps, shard);
    if (motion === undefined) throw new UnsupportedRenderInput(shard, "the item has no motion, dance or keypoints tensor");
    return { ...motion, ...(found.text ? { text: found.text } : {}) };
  }
  throw new ItemNotFound(path, item);
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
    const array = parseNpy(bytes, { file: path });
    const float = array.dtype === "float32" || array.dtype === "float64" ? Float32Array.from(array.data) : undefined;
    const keypoints = float === undefined ? undefined : keypointsMotion(float, array.shape, options.fps ?? 30);
    if (keypoints !== undefined) return { motion: keypoints, smpl: undefined };
    // (T, 75): the demo dataset's layout, as model samples of it come out; pose reads the other SMPL forms
    if (float !== undefined && array.shape.length === 2 && array.shape[1] === 75) return motionOfRows(float, 75, options.fps ?? 30, path);
  }
  const smpl = parseMotion(bytes, path, options.fps !== undefined ? { fps: options.fps } : {});
  return { motion: previewMotionOfSmpl(smpl), smpl };
}
