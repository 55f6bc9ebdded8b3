/**
 * The `pose2d` artifact form of a `PoseEstimate`: safetensors `poses` (T, 17, 3) float32 (NaN on frames
 * without a person), `flags` (T,) uint8 bit masks in `frameFlags` order, and for BlazePose `blazepose33`
 * (T, 33, 4) and `world33` (T, 33, 3); meta carries fps, frames, size, model and the clip flags. It also
 * names what enters the stage key besides params: the weights' digest and the TF.js version.
 */
import { createRequire } from "node:module";
import type { Json, Tensor } from "@choreo/core";
import { modelWeightsDigest } from "./backendModels.js";
import type { PoseEstimate } from "./estimateSchema.js";
import { frameFlags } from "./quality.js";

const require = createRequire(import.meta.url);

/** Tensors and meta of the `pose2d` artifact of an estimate. */
export function poseEstimateArtifact(estimate: PoseEstimate): {
  tensors: Record<string, Tensor>;
  meta: Record<string, Json>;
} {
  const t = estimate.frames;
  const flags = new Uint8Array(t);
  estimate.frameFlags.forEach((f, i) => {
    flags[i] = f.reduce((bits, flag) => bits | (1 << frameFlags.indexOf(flag)), 0);
  });
  const tensors: Record<string, Tensor> = {
    poses: { dtype: "F32", shape: [t, 17, 3], data: estimate.keypoints },
    flags: { dtype: "U8", shape: [t], data: flags },
  };
  if (estimate.blazepose33 !== undefined)
    tensors["blazepose33"] = { dtype: "F32", shape: [t, 33, 4], data: estimate.blazepose33 };
  if (estimate.world33 !== undefined)
    tensors["world33"] = { dtype: "F32", shape: [t, 33, 3], data: estimate.world33 };
  const meta: Record<string, Json> = {
    skeleton: "coco17",
    model: estimate.model,
    fps: estimate.fps,
    frames: t,
    widthPx: estimate.width,
    heightPx: estimate.height,
    flagBits: [...frameFlags],
    clipFlags: [...estimate.clipFlags],
  };
  return { tensors, meta };
}

/** What changes `pose.estimate2d`'s output besides params: the weights of every pose model, TF.js's version. */
export function poseEstimateTools(): Record<string, string> {
  const tfjs = (require("@tensorflow/tfjs-core/package.json") as { version: string }).version;
  return {
    poseWeights: modelWeightsDigest([
      "movenet-lightning",
      "movenet-thunder",
      "blazepose-full",
      "blazepose-heavy",
      "blazepose-detector",
    ]),
    tfjs,
  };
}
