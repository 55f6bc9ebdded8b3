/**
 * Reads motions for evaluation: .npy (`readNpy`), .pkl (`readPickle`: Bailando `pred_position` (T,72), EDGE
 * `full_pose` (T,24,3), or a bare array) and choreo safetensors shards (`decodeSafetensors`: a `joints`-like
 * tensor (T,24,3), (T,72), stacked (N,T,24,3), or ragged rows with an `offsets` tensor). (T,72) means
 * flattened joints, Bailando's layout. SMPL axis-angle poses (`smpl_poses` (T,72) + `smpl_trans` (T,3), optional
 * `smpl_scaling`) go through `@choreo/motion`'s `forwardKinematics` with EDGE's fixed rest offsets (EDGE's
 * `full_pose`); Bailando/FACT build AIST++ GT joints with the smplx body regressor instead, so joints from
 * poses are close to, not identical with, theirs. Float64 input is rounded to float32, the precision every
 * reference computes its features from.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { assertRegularFile, decodeSafetensors, firstNonFinite, tagOf, type Tensor } from "@choreo/core";
import { checkShardFile, readCheckedManifest, type ShardCheckOptions } from "@choreo/dataset";
import { isIngestError, isNdArray, readNpy, readPickle, type PickleValue } from "@choreo/ingest";
import { forwardKinematics } from "@choreo/motion";
import { EvalInputMissing, InvalidMotionInput } from "./errors.js";
import { createJointSequence, type JointSequence } from "./jointSequence.js";

/** A motion with the name it is reported under (file stem, `stem/i` inside a shard). */
export interface NamedMotion {
  readonly name: string;
  readonly motion: JointSequence;
}

export const MOTION_EXTENSIONS = [".npy", ".pkl", ".safetensors"] as const;
const JOINT_KEYS = ["joints", "joints3d", "full_pose", "pred_position", "positions", "keypoints3d"];

function toF32(data: ArrayLike<number | bigint>): Float32Array {
  if (data instanceof Float32Array) return data;
  return Float32Array.from(data as ArrayLike<number>, Number);
}

/** Turns an array of shape (T,24,3), (T,72) or (N,T,24,3) into sequences. */
function fromArray(
  name: string,
  shape: readonly number[],
  data: ArrayLike<number | bigint>,
  file: string,
): NamedMotion[] {
  const f = toF32(data);
  const dims = shape.join("×");
  if (shape.length === 3 && shape[1] === 24 && shape[2] === 3)
    return [{ name, motion: createJointSequence(f, 24, 3, file) }];
  if (shape.length === 2 && shape[1] === 72) return [{ name, motion: createJointSequence(f, 24, 3, file) }];
  if (shape.length === 4 && shape[2] === 24 && shape[3] === 3) {
    const [n = 0, t = 0] = shape;
    return Array.from({ length: n }, (_, i) => ({
      name: `${name}/${i}`,
      motion: createJointSequence(f.subarray(i * t * 72, (i + 1) * t * 72), 24, 3, file),
    }));
  }
  throw new InvalidMotionInput(file, `expected joints (T,24,3), (T,72) or (N,T,24,3), got (${dims})`);
}

type NumericArray = { readonly shape: readonly number[]; readonly data: ArrayLike<number | bigint> };

/** Joints from SMPL poses (T,72) and root translation (T,3) divided by the scaling, by forward kinematics. */
function jointsFromPoses(
  name: string,
  poses: NumericArray,
  trans: NumericArray | undefined,
  scaling: number,
  file: string,
): NamedMotion[] {
  const frames = poses.shape[0] ?? 0;
  if (poses.shape.length !== 2 || poses.shape[1] !== 72)
    throw new InvalidMotionInput(file, `smpl_poses should be (T,72), got (${poses.shape.join("×")})`);
  if (trans === undefined) throw new InvalidMotionInput(file, "smpl_poses without smpl_trans");
  if (trans.shape[0] !== frames || trans.data.length !== frames * 3)
    throw new InvalidMotionInput(file, `smpl_trans should be (${frames},3)`);
  const rotations = Float64Array.from(poses.data as ArrayLike<number>, Number);
  const rootPositions = Float64Array.from(trans.data as ArrayLike<number>, (v) => Number(v) / scaling);
  const joints = forwardKinematics({ rotations, rootPositions });
  return [{ name, motion: createJointSequence(Float32Array.from(joints), 24, 3, file) }];
}

function pickleMotion(name: string, value: PickleValue, file: string): NamedMotion[] {
  if (isNdArray(value)) return fromArray(name, value.shape, value.data, file);
  if (value instanceof Map) {
    for (const key of JOINT_KEYS) {
      const v = value.get(key);
      if (v !== undefined && isNdArray(v)) return fromArray(name, v.shape, v.data, file);
    }
    const poses = value.get("smpl_poses");
    if (poses !== undefined && isNdArray(poses)) {
      const trans = value.get("smpl_trans");
      const scaling = value.get("smpl_scaling");
      const s = scaling !== undefined && isNdArray(scaling) ? Number(scaling.data[0]) : 1;
      return jointsFromPoses(
        name,
        poses,
        trans !== undefined && isNdArray(trans) ? trans : undefined,
        s,
        file,
      );
    }
    const keys = [...value.keys()].map(String).join(", ");
    throw new InvalidMotionInput(
      file,
      `no joint array among keys {${keys}} (looked for ${JOINT_KEYS.join(", ")})`,
    );
  }
  throw new InvalidMotionInput(file, "pickle holds neither an array nor a dict of arrays");
}

function shardMotion(name: string, tensors: Record<string, Tensor>, file: string): NamedMotion[] {
  const key = JOINT_KEYS.find((k) => tensors[k] !== undefined);
  if (key === undefined) {
    const poses = tensors["smpl_poses"];
    if (poses !== undefined) {
      const scaling = tensors["smpl_scaling"];
      const s = scaling === undefined ? 1 : Number(scaling.data[0]);
      return jointsFromPoses(name, poses, tensors["smpl_trans"], s, file);
    }
    throw new InvalidMotionInput(file, `no joint tensor (looked for ${JOINT_KEYS.join(", ")})`);
  }
  const t = tensors[key]!;
  const offsets = tensors["offsets"] ?? tensors[`${key}_offsets`];
  if (offsets === undefined) return fromArray(name, t.shape, t.data, file);
  const rows = fromArray(name, t.shape, t.data, file)[0]!.motion.data;
  const o = Array.from(offsets.data as ArrayLike<number | bigint>, Number);
  return o.slice(0, -1).map((start, i) => ({
    name: `${name}/${i}`,
    motion: createJointSequence(rows.subarray(start * 72, o[i + 1]! * 72), 24, 3, file),
  }));
}

/** Refuses sequences without frames or with a NaN or infinite coordinate (InvalidMotionInput naming the file). */
function checked(motions: NamedMotion[], file: string): NamedMotion[] {
  for (const { name, motion } of motions) {
    if (motion.frames === 0) throw new InvalidMotionInput(file, `${name} has 0 frames`);
    const at = firstNonFinite(motion.data);
    if (at >= 0)
      throw new InvalidMotionInput(file, `${name}: value ${at} is ${motion.data[at]}; motion must be finite`);
  }
  return motions;
}

/** Reads one motion file into one or more named sequences (each with frames, every value finite). */
export async function loadMotionFile(file: string, options: ShardCheckOptions = {}): Promise<NamedMotion[]> {
  return checked(await readMotionFile(file, options), file);
}

async function readMotionFile(file: string, options: ShardCheckOptions): Promise<NamedMotion[]> {
  const ext = extname(file).toLowerCase();
  const name = basename(file, extname(file));
  try {
    assertRegularFile(file); // a FIFO or device would block the read
    if (ext === ".npy") {
      const a = await readNpy(file, { file });
      if (a.dtype === "object") throw new InvalidMotionInput(file, "object arrays are not motions");
      return fromArray(name, a.shape, a.data, file);
    }
    if (ext === ".pkl") return pickleMotion(name, await readPickle(file), file);
    if (ext === ".safetensors") {
      checkShardFile(file, options); // a dataset shard must match its manifest
      const bytes = await readFile(file).catch((cause: unknown) => {
        throw new EvalInputMissing(file, "cannot read the shard", { cause });
      });
      return shardMotion(name, decodeSafetensors(bytes, file).tensors, file);
    }
  } catch (error) {
    if (isIngestError(error) || ["InvalidSafetensors", "NotRegularFile"].includes(tagOf(error) ?? "")) {
      throw new InvalidMotionInput(file, (error as Error).message, { cause: error });
    }
    throw error;
  }
  throw new InvalidMotionInput(file, `unsupported extension ${ext} (use ${MOTION_EXTENSIONS.join(", ")})`);
}

/**
 * Every motion file of a folder (sorted by name), or a single file; EvalInputMissing when the folder holds
 * none. A dataset folder's shards are checked against its manifest first (ShardMismatch; `verify` hashes all).
 */
export async function loadMotionDir(path: string, options: ShardCheckOptions = {}): Promise<NamedMotion[]> {
  let entries: string[];
  try {
    entries = (await readdir(path)).sort();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOTDIR") return loadMotionFile(path, options);
    throw new EvalInputMissing(path, "cannot list the folder", { cause });
  }
  if (entries.includes("manifest.json")) readCheckedManifest(path, options);
  const files = entries.filter((e) =>
    (MOTION_EXTENSIONS as readonly string[]).includes(extname(e).toLowerCase()),
  );
  if (files.length === 0)
    throw new EvalInputMissing(path, `no motion files in the folder (${MOTION_EXTENSIONS.join(", ")})`);
  const out: NamedMotion[] = [];
  for (const f of files) out.push(...(await loadMotionFile(join(path, f), options)));
  return out;
}
