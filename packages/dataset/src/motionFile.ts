/**
 * A generated motion window written as a file others read: `.pkl` is AIST++'s SMPL motion pickle
 * (`{smpl_poses, smpl_trans, smpl_scaling, smpl_loss}`, readable by AIST++ tools, `choreo render` and
 * `choreo export bvh`) for rows of SMPL parameters, `.json` is `{ shape, dtype, fps, data }`, anything else
 * `.safetensors` (tensor `motion`, metadata `fps`). Rows are 75 values (72 poses + 3 translation) or JustLMD's 78
 * (poses with the root zeroed + Th + Rh).
 */
import { writeFile } from "node:fs/promises";
import { encodeSafetensors } from "@choreo/core";
import { encodePickleDict, type PickleWritable } from "./pickleWriter.js";

/** A motion window: `frames` rows of `dims` values at `fps`. */
export interface MotionWindow {
  readonly motion: Float32Array;
  readonly frames: number;
  readonly dims: number;
  readonly fps: number;
}

/** AIST++'s motion pickle of SMPL rows (75: AIST++/demo layout, 78: JustLMD's); RangeError for other widths. */
export function smplMotionPickle(window: MotionWindow): Record<string, PickleWritable> {
  const { motion, frames, dims } = window;
  if (dims !== 75 && dims !== 78) {
    throw new RangeError(
      `[dataset] a ${dims}-value motion has no SMPL parameters: write .safetensors or .json`,
    );
  }
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  for (let t = 0; t < frames; t++) {
    poses.set(motion.subarray(t * dims, t * dims + 72), t * 72);
    trans.set(motion.subarray(t * dims + 72, t * dims + 75), t * 3);
    // parity: JustLMD rows are EasyMocap's poses (root zeroed) + Th + Rh; the root rotation goes back into poses
    if (dims === 78) poses.set(motion.subarray(t * dims + 75, t * dims + 78), t * 72);
  }
  return {
    smpl_poses: { dtype: "float32", shape: [frames, 72], data: poses },
    smpl_trans: { dtype: "float32", shape: [frames, 3], data: trans },
    smpl_scaling: { dtype: "float32", shape: [1], data: Float32Array.from([1]) },
    smpl_loss: 0,
  };
}

/** Writes the window as `.pkl`, `.json` or (any other name) `.safetensors`. */
export async function writeMotionFile(path: string, window: MotionWindow): Promise<void> {
  const shape = [window.frames, window.dims];
  if (path.endsWith(".json")) {
    const json = { shape, dtype: "float32", fps: window.fps, data: Array.from(window.motion) };
    return writeFile(path, JSON.stringify(json));
  }
  if (path.endsWith(".pkl")) return writeFile(path, encodePickleDict(smplMotionPickle(window)));
  const tensors = { motion: { dtype: "F32" as const, shape, data: window.motion } };
  return writeFile(path, encodeSafetensors(tensors, { fps: String(window.fps) }));
}
