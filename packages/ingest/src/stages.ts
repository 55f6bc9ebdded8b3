/**
 * DAG stages over the AIST++ and dance-to-music readers: a source pickle (imported with
 * `build.source(path, "media", { container: "pkl" })`) becomes an `smpl`, `joints3d` or `pose2d` artifact
 * (safetensors, float32). Thin wrappers: all parsing lives in `aistpp.ts` and `indv.ts`; a bad file fails
 * its action with the reader's tagged error, which the build records per item. The work is synchronous
 * CPU (a pickle parse), hence `Promise.resolve` rather than `async` in `run`.
 */
import { defineStage, type Artifact, type StageContext, type Tensor } from "@choreo/core";
import { z } from "zod";
import { aistppFps, parseAistppKeypoints2d, parseAistppKeypoints3d, parseAistppMotion } from "./aistpp.js";
import { ShapeMismatch } from "./errors.js";
import { parseKeypointsClip } from "./indv.js";
import type { NdArray } from "./ndarray.js";
import { parsePickle, type PickleValue } from "./pickle.js";

function f32(array: NdArray<"float32">): Tensor {
  return { dtype: "F32", shape: array.shape, data: array.data };
}

function pickleOf(ctx: StageContext, source: Artifact): PickleValue {
  return parsePickle(ctx.read(source), { file: `${ctx.item}.pkl` });
}

/** `motions/<seq>.pkl` → `smpl` (poses (T,72), trans (T,3); scaling in meta). */
export const aistppMotionStage = defineStage({
  id: "ingest.aistppMotion",
  version: 1,
  params: z.object({}),
  inputs: { motion: "media" },
  outputs: { smpl: "smpl" },
  resources: { cpu: 1 },
  run: ({ inputs, ctx }) => {
    const motion = parseAistppMotion(pickleOf(ctx, inputs.motion), `${ctx.item}.pkl`);
    const meta = {
      fps: motion.fps,
      frames: motion.poses.shape[0]!,
      convention: "aistpp",
      scaling: motion.scaling,
    };
    return Promise.resolve({
      smpl: ctx.writeTensors("smpl", { poses: f32(motion.poses), trans: f32(motion.trans) }, meta),
    });
  },
});

/** `keypoints3d/<seq>.pkl` → `joints3d` (T,17,3), raw or optimised (`useOptim`, as the AIST++ loader). */
export const aistppKeypoints3dStage = defineStage({
  id: "ingest.aistppKeypoints3d",
  version: 1,
  params: z.object({ useOptim: z.boolean().default(false) }),
  inputs: { keypoints: "media" },
  outputs: { joints: "joints3d" },
  resources: { cpu: 1 },
  run: ({ inputs, params, ctx }) => {
    const file = `${ctx.item}.pkl`;
    const kp = parseAistppKeypoints3d(pickleOf(ctx, inputs.keypoints), file);
    const joints = params.useOptim ? kp.keypointsOptim : kp.keypoints;
    if (joints === undefined)
      throw new ShapeMismatch(file, "keypoints3d_optim", "an array of shape (N, 17, 3)", "nothing");
    const meta = { fps: aistppFps, frames: joints.shape[0]!, skeleton: "coco17", optimised: params.useOptim };
    return Promise.resolve({ joints: ctx.writeTensors("joints3d", { joints: f32(joints) }, meta) });
  },
});

/** `keypoints2d/<seq>.pkl` → `pose2d` (T,17,3: x, y, score) of one camera view (0–8). */
export const aistppKeypoints2dStage = defineStage({
  id: "ingest.aistppKeypoints2d",
  version: 1,
  params: z.object({ view: z.number().int().min(0).max(8) }),
  inputs: { keypoints: "media" },
  outputs: { poses: "pose2d" },
  resources: { cpu: 1 },
  run: ({ inputs, params, ctx }) => {
    const file = `${ctx.item}.pkl`;
    const kp = parseAistppKeypoints2d(pickleOf(ctx, inputs.keypoints), file);
    const [views, frames, joints] = kp.keypoints.shape as [number, number, number, number];
    if (params.view >= views)
      throw new ShapeMismatch(file, "keypoints2d", `at least ${params.view + 1} views`, `${views}`);
    const size = frames * joints * 3;
    const data = kp.keypoints.data.slice(params.view * size, (params.view + 1) * size);
    // parity: the AIST++ camera canvas is 1920x1080 for every released view (download.html)
    const meta = {
      fps: aistppFps,
      frames,
      skeleton: "coco17",
      widthPx: 1920,
      heightPx: 1080,
      view: params.view,
    };
    const poses = { dtype: "F32" as const, shape: [frames, joints, 3], data };
    return Promise.resolve({ poses: ctx.writeTensors("pose2d", { poses }, meta) });
  },
});

/** A dance-to-music `keypoints_clips/<sub>/<clip>.pkl` → `pose2d` (T,17,3). */
export const danceToMusicKeypointsStage = defineStage({
  id: "ingest.danceToMusicKeypoints",
  version: 1,
  params: z.object({}),
  inputs: { keypoints: "media" },
  outputs: { poses: "pose2d" },
  resources: { cpu: 1 },
  run: ({ inputs, ctx }) => {
    const poses = parseKeypointsClip(pickleOf(ctx, inputs.keypoints), `${ctx.item}.pkl`);
    const meta = { frames: poses.shape[0]!, skeleton: "coco17" };
    return Promise.resolve({ poses: ctx.writeTensors("pose2d", { poses: f32(poses) }, meta) });
  },
});
