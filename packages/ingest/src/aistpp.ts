/**
 * AIST++ annotation folders (formats.md §1.1, §1.4–§1.8): SMPL motions, 2D and 3D keypoints (pickles read
 * with the safe unpickler), camera settings + `mapping.txt`, split and ignore lists. Arrays come out as
 * float32 in C order. Per-sequence readers return `ReadResult` so one bad sequence does not stop a build.
 * Not handled: the ragged 133-joint keypoints2d layout (no `det_scores`), videos and music decoding.
 */
import { join } from "node:path";
import { z } from "zod";
import { firstNonFinite } from "@choreo/core";
import { InvalidFormat, MissingSource, ShapeMismatch } from "./errors.js";
import { parseNameList } from "./internal/nameList.js";
import { parseJsonAs } from "./internal/jsonText.js";
import { arrayOfShape, asDict, describe, field } from "./internal/pickleFields.js";
import { isNdArray, toFloat32, toNumbers, type NdArray } from "./ndarray.js";
import { readPickle, readSourceFile, type PickleValue } from "./pickle.js";
import { attemptRead, type ReadResult } from "./readResult.js";

/** The frame rate of every AIST++ annotation ("exact 60 FPS"). */
export const aistppFps = 60;

/** `motions/<seq>.pkl`: SMPL axis-angle poses with the root first, translation, scale. */
export interface AistppMotion {
  /** (N, 72) axis-angle in radians; (N, 24, 3) input is flattened. */
  readonly poses: NdArray<"float32">;
  /** (N, 3) root translation in the keypoint world unit (divide by `scaling` for SMPL scale). */
  readonly trans: NdArray<"float32">;
  readonly scaling: number;
  /** The fitting loss, when the file has one. */
  readonly loss: number | undefined;
  readonly fps: number;
}

/** `keypoints2d/<seq>.pkl`: COCO-17 (x, y, confidence) per view, NaN where nothing was detected. */
export interface AistppKeypoints2d {
  /** (views, N, joints, 3). */
  readonly keypoints: NdArray<"float32">;
  /** (views, N). */
  readonly detScores: NdArray<"float32">;
  /** Frame indices (N). */
  readonly timestamps: readonly number[];
}

/** `keypoints3d/<seq>.pkl`: (N, 17, 3) triangulated joints, raw and optimised. */
export interface AistppKeypoints3d {
  readonly keypoints: NdArray<"float32">;
  readonly keypointsOptim: NdArray<"float32"> | undefined;
}

/** One camera of `cameras/<setting>.json` (aniposelib `Camera.get_dict`). */
export const AistppCameraSchema = z.object({
  name: z.string(),
  size: z.tuple([z.number(), z.number()]),
  matrix: z.array(z.array(z.number()).length(3)).length(3),
  distortions: z.array(z.number()),
  rotation: z.array(z.number()).length(3),
  translation: z.array(z.number()).length(3),
});
export type AistppCamera = z.infer<typeof AistppCameraSchema>;

/**
 * Decodes a motion pickle. Throws `InvalidFormat` (also for 0 frames or a NaN or infinity in the poses or
 * translations), `ShapeMismatch` or `UnsafePickle`.
 */
export function parseAistppMotion(value: PickleValue, file: string): AistppMotion {
  const dict = asDict(value, file);
  const rawPoses = field(dict, "smpl_poses", file);
  const poses =
    isNdArray(rawPoses) && rawPoses.shape.length === 3
      ? arrayOfShape(rawPoses, [undefined, 24, 3], { file, field: "smpl_poses" })
      : arrayOfShape(rawPoses, [undefined, 72], { file, field: "smpl_poses" });
  const frames = poses.shape[0]!;
  if (frames === 0) throw new InvalidFormat(file, "smpl_poses has 0 frames");
  const trans = arrayOfShape(field(dict, "smpl_trans", file), [frames, 3], { file, field: "smpl_trans" });
  const [poses32, trans32] = [toFloat32(poses), toFloat32(trans)];
  for (const [name, data] of [
    ["smpl_poses", poses32.data],
    ["smpl_trans", trans32.data],
  ] as const) {
    const at = firstNonFinite(data);
    if (at >= 0) throw new InvalidFormat(file, `${name} value ${at} is ${data[at]}; motion must be finite`);
  }
  return {
    poses: { ...poses32, shape: [frames, 72] },
    trans: trans32,
    scaling: scalarOf(field(dict, "smpl_scaling", file), file, "smpl_scaling"),
    loss: dict.has("smpl_loss") ? scalarOf(dict.get("smpl_loss")!, file, "smpl_loss") : undefined,
    fps: aistppFps,
  };
}

/** Decodes a keypoints2d pickle (the `det_scores` layout of the release). */
export function parseAistppKeypoints2d(value: PickleValue, file: string): AistppKeypoints2d {
  const dict = asDict(value, file);
  if (!dict.has("det_scores"))
    throw new InvalidFormat(file, "ragged keypoints2d layout (no det_scores) is not supported");
  const keypoints = arrayOfShape(field(dict, "keypoints2d", file), [undefined, undefined, undefined, 3], {
    file,
    field: "keypoints2d",
  });
  const [views, frames] = keypoints.shape;
  const detScores = arrayOfShape(field(dict, "det_scores", file), [views, frames], {
    file,
    field: "det_scores",
  });
  const timestamps = arrayOfShape(field(dict, "timestamps", file), [frames], { file, field: "timestamps" });
  return {
    keypoints: toFloat32(keypoints),
    detScores: toFloat32(detScores),
    timestamps: toNumbers(timestamps),
  };
}

/** Decodes a keypoints3d pickle. */
export function parseAistppKeypoints3d(value: PickleValue, file: string): AistppKeypoints3d {
  const dict = asDict(value, file);
  const keypoints = arrayOfShape(field(dict, "keypoints3d", file), [undefined, 17, 3], {
    file,
    field: "keypoints3d",
  });
  const optim = dict.has("keypoints3d_optim")
    ? arrayOfShape(dict.get("keypoints3d_optim")!, keypoints.shape, { file, field: "keypoints3d_optim" })
    : undefined;
  return {
    keypoints: toFloat32(keypoints),
    keypointsOptim: optim === undefined ? undefined : toFloat32(optim),
  };
}

/** Reads `motions/<seq>.pkl` of an annotation folder. */
export function readAistppMotion(
  annotationsDir: string,
  sequence: string,
): Promise<ReadResult<AistppMotion>> {
  return readSequencePickle(join(annotationsDir, "motions", `${sequence}.pkl`), parseAistppMotion);
}

/** Reads `keypoints2d/<seq>.pkl`. */
export function readAistppKeypoints2d(
  annotationsDir: string,
  sequence: string,
): Promise<ReadResult<AistppKeypoints2d>> {
  return readSequencePickle(join(annotationsDir, "keypoints2d", `${sequence}.pkl`), parseAistppKeypoints2d);
}

/** Reads `keypoints3d/<seq>.pkl`. */
export function readAistppKeypoints3d(
  annotationsDir: string,
  sequence: string,
): Promise<ReadResult<AistppKeypoints3d>> {
  return readSequencePickle(join(annotationsDir, "keypoints3d", `${sequence}.pkl`), parseAistppKeypoints3d);
}

/** Reads `splits/<split>.txt` (e.g. `crossmodal_train`): trimmed names, blank lines skipped. */
export async function readAistppSplit(annotationsDir: string, split: string): Promise<string[]> {
  return parseNameList(await readText(join(annotationsDir, "splits", `${split}.txt`)));
}

/** Reads `ignore_list.txt`: sequences every consumer skips. */
export async function readAistppIgnoreList(annotationsDir: string): Promise<string[]> {
  return parseNameList(await readText(join(annotationsDir, "ignore_list.txt")));
}

/** Reads `cameras/mapping.txt`: sequence name → camera setting name. */
export async function readAistppCameraMapping(annotationsDir: string): Promise<Map<string, string>> {
  const file = join(annotationsDir, "cameras", "mapping.txt");
  const mapping = new Map<string, string>();
  for (const line of parseNameList(await readText(file))) {
    const parts = line.split(/\s+/);
    if (parts.length !== 2) throw new InvalidFormat(file, `line '${line}' is not '<sequence> <setting>'`);
    mapping.set(parts[0]!, parts[1]!);
  }
  return mapping;
}

/** Reads `cameras/<setting>.json`, the 9 cameras of one setting. */
export async function readAistppCameras(annotationsDir: string, setting: string): Promise<AistppCamera[]> {
  const file = join(annotationsDir, "cameras", `${setting}.json`);
  return parseJsonAs(await readText(file), file, z.array(AistppCameraSchema));
}

/** The cameras of a sequence, through `mapping.txt`. */
export async function readAistppCamerasOf(annotationsDir: string, sequence: string): Promise<AistppCamera[]> {
  const setting = (await readAistppCameraMapping(annotationsDir)).get(sequence);
  if (setting === undefined)
    throw new MissingSource(join(annotationsDir, "cameras", "mapping.txt"), `no entry for ${sequence}`);
  return readAistppCameras(annotationsDir, setting);
}

function readSequencePickle<TValue>(
  path: string,
  parse: (value: PickleValue, file: string) => TValue,
): Promise<ReadResult<TValue>> {
  return attemptRead(async () => parse(await readPickle(path), path));
}

/** A number from a Python float/int, a numpy scalar or a one-element array. */
function scalarOf(value: PickleValue, file: string, name: string): number {
  if (typeof value === "number") return value;
  if (isNdArray(value) && value.data.length === 1 && value.shape.length <= 1) return Number(value.data[0]);
  throw new ShapeMismatch(file, name, "a scalar or an array of shape (1,)", describe(value));
}

async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readSourceFile(path));
}
