/**
 * DAG stages of @choreo/motion, thin wrappers over the plain functions:
 * `motion.fk` (smpl → joints3d, SMPL-24 by EDGE's FK), `motion.ik` (joints3d SMPL-24 → smpl, AIST++ convention
 * in EDGE's frame) and `motion.convert` (smpl → features: joints24, smpl78, edge151 or fact219).
 * Tensors are float32 safetensors; the math runs in float64 inside. Estimating poses from video is
 * @choreo/pose's.
 */
import { defineStage, type StageContext, type Artifact } from "@choreo/core";
import { z } from "zod";
import type { SmplConvention, SmplSequence } from "./conventions.js";
import { UnsupportedMotion } from "./errors.js";
import { smplFromJoints } from "./lift.js";
import { joints24, motionRepresentation, representationNames } from "./representations.js";

function readSmpl(ctx: StageContext, smpl: Artifact): SmplSequence<Float64Array> {
  const tensors = ctx.readTensors(smpl);
  const meta = smpl.meta as { fps?: number; scaling?: number; convention?: SmplConvention };
  const poses = tensors["poses"],
    trans = tensors["trans"];
  if (poses === undefined || trans === undefined || poses.shape[1] !== 72)
    throw new UnsupportedMotion(`${ctx.item}/smpl`, "smpl artifact lacks poses (T, 72) or trans (T, 3)");
  const frames = poses.shape[0]!;
  return {
    frames,
    fps: meta.fps ?? 30,
    poses: Float64Array.from(poses.data as Float32Array),
    trans: Float64Array.from(trans.data as Float32Array),
    scaling: meta.scaling ?? 1,
    convention: meta.convention ?? "aistpp",
  };
}

/** `smpl` → `joints3d` (T, 24, 3), metres, y up, EDGE's frame. */
export const motionFkStage = defineStage({
  id: "motion.fk",
  version: 1,
  params: z.object({}),
  inputs: { smpl: "smpl" },
  outputs: { joints: "joints3d" },
  resources: { cpu: 1 },
  run: ({ inputs, ctx }) => {
    const rep = joints24(readSmpl(ctx, inputs.smpl));
    const data = Float32Array.from(rep.data);
    const meta = { skeleton: "smpl24", fps: rep.fps, frames: rep.frames, upAxis: "y" };
    return Promise.resolve({
      joints: ctx.writeTensors(
        "joints3d",
        { joints: { dtype: "F32", shape: [rep.frames, 24, 3], data } },
        meta,
      ),
    });
  },
});

/** `joints3d` SMPL-24 (T, 24, 3) → `smpl` by inverse kinematics (AIST++ convention, scaling 1). */
export const motionIkStage = defineStage({
  id: "motion.ik",
  version: 1,
  params: z.object({ fps: z.number().positive().default(30) }),
  inputs: { joints: "joints3d" },
  outputs: { smpl: "smpl" },
  resources: { cpu: 1 },
  run: ({ inputs, params, ctx }) => {
    const joints = ctx.readTensors(inputs.joints)["joints"];
    if (joints === undefined || joints.shape[1] !== 24 || joints.shape[2] !== 3)
      throw new UnsupportedMotion(
        `${ctx.item}/joints3d`,
        "expected joints (T, 24, 3) on the SMPL-24 skeleton",
      );
    const fps = typeof inputs.joints.meta["fps"] === "number" ? inputs.joints.meta["fps"] : params.fps;
    const seq = smplFromJoints(joints.data as Float32Array, { fps });
    const meta = { fps, frames: seq.frames, convention: "aistpp", scaling: 1 };
    const tensors = {
      poses: { dtype: "F32" as const, shape: [seq.frames, 72], data: Float32Array.from(seq.poses) },
      trans: { dtype: "F32" as const, shape: [seq.frames, 3], data: Float32Array.from(seq.trans) },
    };
    return Promise.resolve({ smpl: ctx.writeTensors("smpl", tensors, meta) });
  },
});

/** `smpl` → `features` (T, D) in one of the motion representations. */
export const motionConvertStage = defineStage({
  id: "motion.convert",
  version: 1,
  params: z.object({ representation: z.enum(representationNames) }),
  inputs: { smpl: "smpl" },
  outputs: { features: "features" },
  resources: { cpu: 1 },
  run: ({ inputs, params, ctx }) => {
    const rep = motionRepresentation(readSmpl(ctx, inputs.smpl), params.representation);
    const data = Float32Array.from(rep.data);
    const meta = { name: rep.name, fps: rep.fps, recipe: rep.name, frames: rep.frames, dims: rep.dims };
    return Promise.resolve({
      features: ctx.writeTensors(
        "features",
        { features: { dtype: "F32", shape: [rep.frames, rep.dims], data } },
        meta,
      ),
    });
  },
});
