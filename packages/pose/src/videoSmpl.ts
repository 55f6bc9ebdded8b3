/**
 * Monocular SMPL from a pose track, the way choreo replaces JustLMD's EasyMocap step: BlazePose world
 * landmarks → SMPL-24 joints (metres, camera axes, bone lengths of EDGE's skeleton) → root translation from
 * the 2D landmarks with an EasyMocap-style camera (focal 1.2 × min(w, h)) → inverse kinematics to EasyMocap's
 * convention → JustLMD's 78 values per frame (poses with a zero root, Th, Rh). Frames where the pose stage
 * found no person (or landmarks are missing) are marked absent, never filled in. The kinematics are
 * @choreo/motion's; this module only knows the `pose2d` layout. It runs in a worker thread and loads no TF.js.
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
import { UnsupportedPoseTrack } from "./errors.js";

/** The parts of a `pose2d` artifact that lifting reads (BlazePose models only). */
export interface BlazePoseTrack {
  readonly frames: number;
  readonly fps: number;
  readonly widthPx: number;
  readonly heightPx: number;
  /** (T, 33, 3) world landmarks, metres. */
  readonly world33: Float32Array;
  /** (T, 33, 4) image landmarks: x, y (pixels), z, score. */
  readonly blazepose33: Float32Array;
  /** (T,) frame flag bits; bit 0 is `no-person`. */
  readonly flags: Uint8Array;
}

/** JustLMD's (T, 78) rows of a track and which frames hold a person (absent rows are zeros). */
export function smpl78OfTrack(
  track: BlazePoseTrack,
  minScore = 0.3,
): { dance: Float32Array; present: Uint8Array } {
  const { frames, world33: world, blazepose33: blaze, flags } = track;
  const present = new Uint8Array(frames);
  for (let f = 0; f < frames; f++)
    present[f] = (flags[f]! & 1) === 0 && world.subarray(f * 99, f * 99 + 99).every(Number.isFinite) ? 1 : 0;
  const kept = [...present.keys()].filter((f) => present[f] === 1);
  const dance = new Float32Array(frames * 78);
  if (kept.length === 0) return { dance, present };
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
  const camera = easyMocapCamera({ widthPx: track.widthPx, heightPx: track.heightPx });
  const kp24 = mapToSmpl24(kp, { sourceJoints: 33, dims: 3, mapping: blazepose33ToSmpl24 });
  const root = rootTranslationFrom2d({
    joints: relative,
    keypoints: kp24,
    jointsPerFrame: 24,
    camera,
    minScore,
  });
  for (let i = 0; i < kept.length; i++)
    for (let j = 0; j < 24; j++)
      for (let c = 0; c < 3; c++) relative[(i * 24 + j) * 3 + c]! += root[i * 3 + c]!;
  const rows = smpl78(smplFromCameraJoints(relative, { fps: track.fps })).data;
  kept.forEach((f, i) => {
    const row = rows.subarray(i * 78, i * 78 + 78);
    if (row.every(Number.isFinite)) dance.set(row, f * 78);
    else present[f] = 0;
  });
  return { dance, present };
}

/** `pose2d` of a BlazePose model → `smpl` track: `dance` (T, 78) in JustLMD's layout and `present` (T,). */
export const videoSmplStage = defineStage({
  id: "pose.videoSmpl",
  version: 1,
  params: z.object({ minScore: z.number().min(0).max(1).default(0.3) }),
  inputs: { poses: "pose2d" },
  outputs: { track: "smpl" },
  entry: import.meta.url,
  run: async ({ inputs, params, ctx }) => {
    const t = ctx.readTensors(inputs.poses);
    const world33 = t.world33?.data as Float32Array | undefined;
    const blazepose33 = t.blazepose33?.data as Float32Array | undefined;
    if (world33 === undefined || blazepose33 === undefined)
      throw new UnsupportedPoseTrack(
        `${ctx.item}/pose2d`,
        "the pose track has no BlazePose world landmarks (use model blazepose-full)",
      );
    const meta = inputs.poses.meta;
    const track = {
      frames: Number(meta.frames),
      fps: Number(meta.fps),
      widthPx: Number(meta.widthPx),
      heightPx: Number(meta.heightPx),
      world33,
      blazepose33,
      flags: t.flags!.data as Uint8Array,
    };
    const { dance, present } = smpl78OfTrack(track, params.minScore);
    const { frames, fps } = track;
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
