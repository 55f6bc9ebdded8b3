/**
 * Reading motion files into an SMPL sequence, for `choreo motion convert`: EasyMocap JSON (JustLMD's
 * `smplfull.json` or one per-frame file; 30 fps unless told), AIST++ `motions/*.pkl` (60 fps), and `.npy`
 * arrays that choreo writes, told apart by shape: (T, 78) smpl78, (T, 24, 3) joints24 (solved back to SMPL by
 * IK), (T, 151) edge151 (turned back to y up; contacts dropped), (T, 219) fact219. A (T, 72) array is refused:
 * it could be axis-angle or joint positions. Parsing is ingest's; this module only interprets.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import {
  isIngestError,
  parseAistppMotion,
  parseNpy,
  parsePickle,
  parseSmplFull,
  smplMotion,
  type NdArray,
} from "@choreo/ingest";
import { assertFinite } from "@choreo/core";
import type { SmplSequence } from "./conventions.js";
import { UnsupportedMotion } from "./errors.js";
import { matToQuat, quatMul, quatToAa, rot6dToMat } from "./internal/rotationsKernel.js";
import { smplFromJoints } from "./lift.js";

/** Options of `parseMotion`. */
export interface ReadMotionOptions {
  /** Frame rate where the file does not say (EasyMocap JSON, .npy); defaults 30 (AIST++ pickles are 60). */
  readonly fps?: number;
}

/** An EasyMocap-convention sequence from EasyMocap JSON text (frames object, or one frame). */
function fromEasyMocapJson(text: string, file: string, fps: number): SmplSequence<Float32Array> {
  const value: unknown = JSON.parse(text);
  const oneFrame = Array.isArray(value) || (typeof value === "object" && value !== null && "annots" in value);
  const motion = smplMotion(
    oneFrame ? parseSmplFull(JSON.stringify({ "000000": value }), file) : parseSmplFull(text, file),
  );
  const poses = motion.poses.slice();
  for (let t = 0; t < motion.frames; t++) poses.set(motion.rh.subarray(t * 3, t * 3 + 3), t * 72);
  return { frames: motion.frames, fps, poses, trans: motion.th, scaling: 1, convention: "easymocap" };
}

function float32Of(array: NdArray, file: string): Float32Array {
  if (array.dtype === "float32") return array.data;
  if (array.dtype === "float64") return Float32Array.from(array.data);
  throw new UnsupportedMotion(file, `dtype ${array.dtype} is not a float array`);
}

/** smpl78 rows → EasyMocap sequence (poses with Rh in slot 0, trans = Th). */
function fromSmpl78(data: Float32Array, frames: number, fps: number): SmplSequence<Float32Array> {
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    poses.set(data.subarray(t * 78, t * 78 + 72), t * 72);
    poses.set(data.subarray(t * 78 + 75, t * 78 + 78), t * 72);
    trans.set(data.subarray(t * 78 + 72, t * 78 + 75), t * 3);
  }
  return { frames, fps, poses, trans, scaling: 1, convention: "easymocap" };
}

/** fact219 rows (trans, 24 row-major matrices) → AIST++ sequence. */
function fromFact219(data: Float32Array, frames: number, fps: number): SmplSequence<Float32Array> {
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  const q = new Float64Array(4);
  for (let t = 0; t < frames; t++) {
    trans.set(data.subarray(t * 219, t * 219 + 3), t * 3);
    for (let j = 0; j < 24; j++) {
      matToQuat(data, t * 219 + 3 + j * 9, q, 0);
      quatToAa(q, 0, poses, t * 72 + j * 3);
    }
  }
  return { frames, fps, poses, trans, scaling: 1, convention: "aistpp" };
}

/** edge151 rows (z up) → AIST++ sequence (y up): undoes EDGE's 90° turn about x. */
function fromEdge151(data: Float32Array, frames: number, fps: number): SmplSequence<Float32Array> {
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  const m = new Float64Array(9);
  const q = new Float64Array(4);
  const turned = new Float64Array(4);
  const back = Float64Array.from([Math.SQRT1_2, -Math.SQRT1_2, 0, 0]);
  for (let t = 0; t < frames; t++) {
    const row = t * 151;
    // Rx(−90°): (x, y, z) → (x, z, −y)
    trans.set([data[row + 4]!, data[row + 6]!, -data[row + 5]!], t * 3);
    for (let j = 0; j < 24; j++) {
      rot6dToMat(data, row + 7 + j * 6, m, 0);
      matToQuat(m, 0, q, 0);
      if (j === 0) {
        quatMul(back, 0, q, 0, turned, 0);
        q.set(turned);
      }
      quatToAa(q, 0, poses, t * 72 + j * 3);
    }
  }
  return { frames, fps, poses, trans, scaling: 1, convention: "aistpp" };
}

function fromNpy(bytes: Uint8Array, file: string, fps: number): SmplSequence {
  const array = parseNpy(bytes, { file });
  if (array.dtype === "object") throw new UnsupportedMotion(file, "an object array, not motion");
  const shape = array.shape;
  const data = float32Of(array, file);
  assertFinite(data, file, "motion"); // before any conversion turns a NaN into other numbers
  const frames = shape[0] ?? 0;
  const key = shape.slice(1).join("x");
  switch (key) {
    case "78":
      return fromSmpl78(data, frames, fps);
    case "219":
      return fromFact219(data, frames, fps);
    case "151":
      return fromEdge151(data, frames, fps);
    case "24x3":
      return smplFromJoints(data, { fps });
    default:
      throw new UnsupportedMotion(
        file,
        `cannot tell what a (${shape.join(", ")}) array holds; expected (T, 78), (T, 24, 3), (T, 151) or (T, 219)`,
      );
  }
}

/**
 * Interprets motion file bytes by extension (`.json`, `.pkl`, `.npy`). Motion is checked where it enters:
 * UnsupportedMotion for 0 frames, NonFiniteValues for a NaN or infinity in the poses or translations.
 */
export function parseMotion(bytes: Uint8Array, file: string, options: ReadMotionOptions = {}): SmplSequence {
  const motion = parseMotionFormat(bytes, file, options);
  if (motion.frames === 0) throw new UnsupportedMotion(file, "has 0 frames: there is no motion to read");
  assertFinite(motion.poses, file, "motion (poses)");
  assertFinite(motion.trans, file, "motion (translation)");
  return motion;
}

function parseMotionFormat(bytes: Uint8Array, file: string, options: ReadMotionOptions): SmplSequence {
  const fps = options.fps ?? 30;
  const ext = extname(file).toLowerCase();
  try {
    switch (ext) {
      case ".json":
        return fromEasyMocapJson(Buffer.from(bytes).toString("utf8"), file, fps);
      case ".pkl": {
        const motion = parseAistppMotion(parsePickle(bytes, { file }), file);
        const frames = motion.poses.shape[0]!;
        return {
          frames,
          fps: options.fps ?? motion.fps,
          poses: motion.poses.data,
          trans: motion.trans.data,
          scaling: motion.scaling,
          convention: "aistpp",
        };
      }
      case ".npy":
        return fromNpy(bytes, file, fps);
      default:
        throw new UnsupportedMotion(file, `unknown motion file type '${ext}' (expected .json, .pkl or .npy)`);
    }
  } catch (cause) {
    if (cause instanceof SyntaxError) throw new UnsupportedMotion(file, "not valid JSON", { cause });
    if (isIngestError(cause)) throw new UnsupportedMotion(file, cause.message, { cause });
    throw cause;
  }
}

/** Reads a motion file (see `parseMotion`). */
export async function readMotion(path: string, options: ReadMotionOptions = {}): Promise<SmplSequence> {
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new UnsupportedMotion(path, "cannot read the file", { cause });
  });
  return parseMotion(bytes, path, options);
}
