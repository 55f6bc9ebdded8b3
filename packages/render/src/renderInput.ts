/**
 * Turns what a user points `choreo render` / `choreo export bvh` at into motion: EasyMocap JSON, AIST++
 * motion pickles and choreo `.npy` arrays through pose's `readMotion` (SMPL sequences), the JSON that
 * `choreo pose` writes (COCO-17 keypoints in source pixels), `.npy` keypoint arrays (T, 17|33, 2..4),
 * `choreo sample` outputs (`.safetensors` with a (T, D) `motion` tensor, or `{ shape, dtype, fps, data }`
 * JSON; D as in `motionOfRows`), and one item of a dataset folder or shard (`--item`). Parsing of the formats
 * themselves stays in ingest and pose.
 */
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { assertRegularFile, decodeSafetensors, parseJsonText } from "@choreo/core";
import { checkShardFile, readCheckedManifest, readSafetensorsHeader } from "@choreo/dataset";
import { extname, join } from "node:path";
import { parseNpy } from "@choreo/ingest";
import { coco17, parseMotion, type SmplSequence } from "@choreo/motion";
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
  /** Hash every shard against the dataset's manifest (by default only shards up to 64 MiB). */
  readonly verify?: boolean;
}

interface PoseJson {
  readonly fps: number | null;
  readonly width: number;
  readonly height: number;
  readonly frames: readonly { keypoints: readonly (readonly number[])[] | null }[];
}

function isPoseJson(value: unknown): value is PoseJson {
  const v = value as Partial<PoseJson> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    Array.isArray(v.frames) &&
    typeof v.width === "number" &&
    typeof v.height === "number"
  );
}

/** Keypoints2d preview motion of `choreo pose` JSON (COCO-17; frames without a person are left empty). */
export function previewMotionOfPoseJson(value: PoseJson, fps = 30): Keypoints2dMotion {
  const keypoints = new Float32Array(value.frames.length * 17 * 3).fill(NaN);
  value.frames.forEach((f, t) =>
    f.keypoints?.forEach((kp, j) => keypoints.set(kp.slice(0, 3), (t * 17 + j) * 3)),
  );
  const frames = value.frames.length;
  return {
    kind: "keypoints2d",
    skeleton: coco17,
    fps: value.fps ?? fps,
    frames,
    channels: 3,
    sourceWidth: value.width,
    sourceHeight: value.height,
    keypoints,
  };
}

async function fromShard(path: string, options: ReadRenderInputOptions): Promise<RenderInput> {
  const isDir = (await stat(path)).isDirectory();
  if (options.item === undefined)
    throw new UnsupportedRenderInput(path, "a dataset or shard needs an item id (--item)");
  let fps = options.fps ?? 30;
  let shards = [path];
  const check = { verify: options.verify === true };
  if (!isDir) checkShardFile(path, check);
  else {
    const manifest = readCheckedManifest(path, check);
    fps = options.fps ?? manifest.fps;
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
    if (motion === undefined)
      throw new UnsupportedRenderInput(shard, "the item has no motion, dance or keypoints tensor");
    return { ...motion, ...(found.text ? { text: found.text } : {}) };
  }
  throw new ItemNotFound(path, item);
}

/** `{ shape, dtype, data, fps? }`: what `choreo sample` and `choreo motion convert` write as JSON. */
interface ArrayJson {
  readonly shape: readonly number[];
  readonly data: readonly number[];
  readonly fps?: number;
}

function isArrayJson(value: unknown): value is ArrayJson {
  const v = value as Partial<ArrayJson> | null;
  return typeof v === "object" && v !== null && Array.isArray(v.shape) && Array.isArray(v.data);
}

/** (T, D) motion rows or (T, J, C) keypoints. */
function motionOfArray(data: Float32Array, shape: readonly number[], fps: number, file: string): RenderInput {
  const keypoints = keypointsMotion(data, shape, fps);
  if (keypoints !== undefined) return { motion: keypoints, smpl: undefined };
  if (shape.length === 3 && shape[1] === 24 && shape[2] === 3) return motionOfRows(data, 72, fps, file);
  if (shape.length !== 2) throw new UnsupportedRenderInput(file, `cannot draw a (${shape.join(", ")}) array`);
  return motionOfRows(data, shape[1]!, fps, file);
}

/** A `choreo sample` output: a safetensors file with a (T, D) `motion` tensor and no item ids. */
function sampleOfSafetensors(path: string, fps: number | undefined): RenderInput | undefined {
  const header = readSafetensorsHeader(path);
  const motion = header.tensors["motion"];
  if (header.metadata["ids"] !== undefined || motion === undefined || motion.shape.length !== 2)
    return undefined;
  const tensor = decodeSafetensors(readFileSync(path), path).tensors["motion"]!;
  return motionOfArray(
    Float32Array.from(tensor.data as Float32Array),
    motion.shape,
    fps ?? (Number(header.metadata["fps"]) || 30),
    path,
  );
}

/**
 * Reads a render input (see the module comment). Refuses 0 frames, and NaN or infinite motion, where it
 * enters; a dataset's shards are checked against its manifest first (ShardMismatch).
 */
export async function readRenderInput(
  path: string,
  options: ReadRenderInputOptions = {},
): Promise<RenderInput> {
  const input = await readAnyInput(path, options);
  if (input.motion.frames === 0)
    throw new UnsupportedRenderInput(path, "has 0 frames: there is no motion to draw");
  return input;
}

async function readAnyInput(path: string, options: ReadRenderInputOptions): Promise<RenderInput> {
  const ext = extname(path).toLowerCase();
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    (cause: unknown) => {
      throw new UnsupportedRenderInput(path, "cannot read the file", { cause });
    },
  );
  if (!isDir) assertRegularFile(path); // a FIFO or device would block the read
  if (ext === ".safetensors" && !isDir) {
    const sample = sampleOfSafetensors(path, options.fps);
    if (sample !== undefined) return sample;
  }
  if (isDir || ext === ".safetensors") return fromShard(path, options);
  const bytes = await readFile(path);
  if (ext === ".json") {
    const value = parseJsonText(bytes.toString("utf8"), path);
    if (isPoseJson(value)) return { motion: previewMotionOfPoseJson(value, options.fps), smpl: undefined };
    if (isArrayJson(value)) {
      if (!value.data.every((v) => typeof v === "number"))
        throw new UnsupportedRenderInput(path, "data holds values that are not numbers (null or text)");
      return motionOfArray(Float32Array.from(value.data), value.shape, options.fps ?? value.fps ?? 30, path);
    }
  }
  if (ext === ".npy") {
    const array = parseNpy(bytes, { file: path });
    const float =
      array.dtype === "float32" || array.dtype === "float64" ? Float32Array.from(array.data) : undefined;
    const keypoints =
      float === undefined ? undefined : keypointsMotion(float, array.shape, options.fps ?? 30);
    if (keypoints !== undefined) return { motion: keypoints, smpl: undefined };
    // (T, 75): the demo dataset's layout, as model samples of it come out; pose reads the other SMPL forms
    if (float !== undefined && array.shape.length === 2 && array.shape[1] === 75)
      return motionOfRows(float, 75, options.fps ?? 30, path);
  }
  const smpl = parseMotion(bytes, path, options.fps !== undefined ? { fps: options.fps } : {});
  return { motion: previewMotionOfSmpl(smpl), smpl };
}
