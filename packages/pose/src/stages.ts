/**
 * DAG stages of @choreo/pose, thin wrappers over the plain functions:
 * `pose.estimate2d` (media video or image → pose2d) runs MoveNet/BlazePose in a worker thread (`entry`);
 * `pose.videoSmpl` (lifting a BlazePose track to SMPL) is in `videoSmpl.ts`, a module without TF.js.
 * Kinematic stages (FK, IK, representations) are @choreo/motion's.
 */
import { defineStage } from "@choreo/core";
import { poseEstimateArtifact, poseEstimateTools } from "./estimateArtifact.js";
import { estimatePoses } from "./estimatePoses.js";
import { PoseEstimateParams } from "./estimateSchema.js";

/** `media` (a video or an image) → `pose2d`: COCO-17 of the tracked person, quality flags, BlazePose extras. */
export const poseEstimate2dStage = defineStage({
  id: "pose.estimate2d",
  version: 2,
  params: PoseEstimateParams,
  inputs: { video: "media" },
  outputs: { poses: "pose2d" },
  resources: { cpu: 1 },
  entry: import.meta.url,
  tools: poseEstimateTools,
  run: async ({ inputs, params, ctx }) => {
    const { tensors, meta } = poseEstimateArtifact(await estimatePoses(ctx.pathOf(inputs.video), params));
    return { poses: ctx.writeTensors("pose2d", tensors, meta) };
  },
});
