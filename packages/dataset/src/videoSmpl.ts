/**
 * Monocular SMPL from a pose track, the way choreo replaces JustLMD's EasyMocap step: BlazePose world
 * landmarks → SMPL-24 joints (metres, camera axes, bone lengths of EDGE's skeleton) → root translation from
 * the 2D landmarks with an EasyMocap-style camera (focal 1.2 × min(w, h)) → inverse kinematics to EasyMocap's
 * convention → JustLMD's 78 values per frame (poses with a zero root, Th, Rh). Frames where the pose stage
 * found no person (or landmarks are missing) are marked absent, never filled in.
 */
import { z } from "zod";
import { defineStage } from "@choreo/core";
import {
  blazepose33ToSmpl24,
  easyMocapCamera,
  liftBlazePoseWorld,
  mapToSmpl24,
  rootTranslationFrom2d,
  smpl78,
  smplFromCameraJoints,
} from "@choreo/motion";

export const videoSmplStage = defineStage({
  id: "dataset.videoSmpl",
  version: 1,
  params: z.object({ minScore: z.number().min(0).max(1).default(0.3) }),
  inputs: { poses: "pose2d" },
  outputs: { track: "smpl" },
  entry: import.meta.url,
  run: async ({ inputs, params, ctx }) => {
    const t = ctx.readTensors(inputs.poses);
    const world = t.world33?.data as Float32Array | undefined;
    const blaze = t.blazepose33?.data as Float32Array | undefined;
    if (world === undefined || blaze === undefined)
      throw new RangeError(
        `[dataset] ${ctx.item}: the pose track has no BlazePose world landmarks (use model blazepose-full)`,
      );
    const frames = Number(inputs.poses.meta.frames);
    const fps = Number(inputs.poses.meta.fps);
    const flags = t.flags!.data as Uint8Array;
    const present = new Uint8Array(frames);
    for (let f = 0; f < frames; f++)
      present[f] =
        (flags[f]! & 1) === 0 && world.subarray(f * 99, f * 99 + 99).every(Number.isFinite) ? 1 : 0;
    const kept = [...present.keys()].filter((f) => present[f] === 1);
    const dance = new Float32Array(frames * 78);
    if (kept.length > 0) {
      const w = new Float32Array(kept.length * 99);
      const kp = new Float32Array(kept.length * 33 * 3);
      kept.forEach((f, i) => {
        w.set(world.subarray(f * 99, f * 99 + 99), i * 99);
        for (let j = 0; j < 33; j++) {
          kp[(i * 33 + j) * 3] = blaze[(f * 33 + j) * 4]!;
          kp[(i * 33 + j) * 3 + 1] = blaze[(f * 33 + j) * 4 + 1]!;
          kp[(i * 33 + j) * 3 + 2] = blaze[(f * 33 + j) * 4 + 3]!;
        }
      });
      const joints = liftBlazePoseWorld(w, { axes: "camera" });
      const relative = joints.slice();
      for (let i = 0; i < kept.length; i++)
        for (let j = 0; j < 24; j++)
          for (let c = 0; c < 3; c++) relative[(i * 24 + j) * 3 + c]! -= joints[i * 72 + c]!;
      const camera = easyMocapCamera({
        widthPx: Number(inputs.poses.meta.widthPx),
        heightPx: Number(inputs.poses.meta.heightPx),
      });
      const kp24 = mapToSmpl24(kp, { sourceJoints: 33, dims: 3, mapping: blazepose33ToSmpl24 });
      const root = rootTranslationFrom2d({
        joints: relative,
        keypoints: kp24,
        jointsPerFrame: 24,
        camera,
        minScore: params.minScore,
      });
      for (let i = 0; i < kept.length; i++)
        for (let j = 0; j < 24; j++)
          for (let c = 0; c < 3; c++) relative[(i * 24 + j) * 3 + c]! += root[i * 3 + c]!;
      const seq = smplFromCameraJoints(relative, { fps });
      const rows = smpl78(seq).data;
      kept.forEach((f, i) => {
        const row = rows.subarray(i * 78, i * 78 + 78);
        if (row.every(Number.isFinite)) dance.set(row, f * 78);
        else present[f] = 0;
      });
    }
    return {
      track: ctx.writeTensors(
        "smpl",
        {
          dance: { dtype: "F32", shape: [frames, 78], data: dance },
          present: { dtype: "U8", shape: [frames], data: present },
        },
        { fps, frames, convention: "easymocap", scaling: 1, layout: "justlmd78: poses(72) + Th(3) + Rh(3)" },
      ),
    };
  },
});
