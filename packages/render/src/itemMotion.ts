/**
 * The motion of one dataset item, whatever the recipe stored: a `motion` or `dance` tensor (72 = joints24
 * positions, 75 = 72 axis-angle + 3 translation as in the demo, 78 = smpl78, 151 = edge151, 219 = fact219; the
 * last three read by pose's `parseMotion`) or a `keypoints` tensor (T, 17|33, 2..4) in source pixels.
 */
import { assertFinite } from "@choreo/core";
import { encodeNpy } from "@choreo/ingest";
import { blazepose33, coco17, joints24, parseMotion, smpl24, type SmplSequence } from "@choreo/motion";
import { UnsupportedRenderInput } from "./errors.js";
import type { Keypoints2dMotion, PreviewMotion } from "./schema.js";
import type { ShardItem } from "./shardItem.js";

/** What an item's motion is: something to draw, and SMPL parameters when it has rotations. */
export interface ItemMotion {
  readonly motion: PreviewMotion;
  readonly smpl: SmplSequence | undefined;
}

/** An SMPL sequence from a dataset `motion` row block (T×75 demo layout or T×78 smpl78). */
export function smplOfMotionTensor(
  data: Float32Array,
  dims: number,
  fps: number,
  file: string,
): SmplSequence {
  if (dims === 78 || dims === 151 || dims === 219) {
    const frames = data.length / dims;
    return parseMotion(encodeNpy({ dtype: "float32", shape: [frames, dims], data }), `${file}.npy`, { fps });
  }
  if (dims !== 75)
    throw new UnsupportedRenderInput(file, `motion rows of ${dims} values are none of 72, 75, 78, 151, 219`);
  const frames = data.length / 75;
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    poses.set(data.subarray(t * 75, t * 75 + 72), t * 72);
    trans.set(data.subarray(t * 75 + 72, t * 75 + 75), t * 3);
  }
  return { frames, fps, poses, trans, scaling: 1, convention: "aistpp" };
}

/** Joints3d preview motion of an SMPL sequence (EDGE FK, y up, metres). */
export function previewMotionOfSmpl(seq: SmplSequence): PreviewMotion {
  const j = joints24(seq);
  return { kind: "joints3d", skeleton: smpl24, fps: j.fps, frames: j.frames, positionsM: j.data };
}

/** 2D keypoints (T×J×C, pixels) as a preview motion; the source size is the keypoints' extent plus 5%. */
export function keypointsMotion(
  keypoints: Float32Array,
  shape: readonly number[],
  fps: number,
): Keypoints2dMotion | undefined {
  const [frames, joints, channels] = shape;
  if (
    shape.length !== 3 ||
    (joints !== 17 && joints !== 33) ||
    channels === undefined ||
    channels < 2 ||
    channels > 4
  )
    return undefined;
  let w = 1;
  let h = 1;
  for (let i = 0; i < keypoints.length; i += channels) {
    if (keypoints[i]! > w) w = keypoints[i]!;
    if (keypoints[i + 1]! > h) h = keypoints[i + 1]!;
  }
  const skeleton = joints === 17 ? coco17 : blazepose33;
  return {
    kind: "keypoints2d",
    skeleton,
    fps,
    frames: frames!,
    channels,
    sourceWidth: Math.ceil(w * 1.05),
    sourceHeight: Math.ceil(h * 1.05),
    keypoints,
  };
}

/**
 * The motion of T×D rows in a dataset's motion layout (a dataset item's `motion`, or a model sample from
 * `@choreo/train`'s `sample`): 72 = joints24 positions, 75/78/151/219 = SMPL forms (see the module comment).
 * Refuses 0 frames (UnsupportedRenderInput) and NaN or infinite values (NonFiniteValues).
 */
export function motionOfRows(data: Float32Array, dims: number, fps: number, file: string): ItemMotion {
  if (data.length === 0) throw new UnsupportedRenderInput(file, "has 0 frames: there is no motion to draw");
  assertFinite(data, file, "motion");
  if (dims === 72) {
    const frames = data.length / 72;
    return { motion: { kind: "joints3d", skeleton: smpl24, fps, frames, positionsM: data }, smpl: undefined };
  }
  const smpl = smplOfMotionTensor(data, dims, fps, file);
  return { motion: previewMotionOfSmpl(smpl), smpl };
}

/** The motion of a shard item, or undefined when it has no motion-like tensor. */
export function itemMotion(item: ShardItem, fps: number, file: string): ItemMotion | undefined {
  const motion = item.tensors["motion"] ?? item.tensors["dance"];
  if (motion !== undefined)
    return motionOfRows(motion.data, motion.shape.at(-1) ?? 0, fps, `${file}#${item.id}`);
  const kp = item.tensors["keypoints"];
  const motion2d = kp === undefined ? undefined : keypointsMotion(kp.data, kp.shape, fps);
  return motion2d === undefined ? undefined : { motion: motion2d, smpl: undefined };
}
