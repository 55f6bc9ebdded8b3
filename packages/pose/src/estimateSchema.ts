/**
 * What `estimatePoses` takes and gives: the zod schema of its options (also the `pose.estimate2d` stage's
 * params, so defaults enter stage keys), the result type, and the CLI's JSON form of a result
 * (`{ model, fps, width, height, frames: [{ keypoints: [[x, y, score] × 17] | null, flags }] }`).
 */
import { z } from "zod";
import { poseModelNames, type PoseModelName } from "./estimateTypes.js";
import type { ClipFlag, FrameFlag } from "./quality.js";

/** Options of `estimatePoses` that change its output (validated where they enter: CLI, config, stages). */
export const PoseEstimateParams = z.object({
  model: z.enum(poseModelNames).default("movenet-lightning"),
  /** Frames per second to sample a video at (exact, rounding down); default: every frame. */
  fps: z.number().positive().optional(),
  /** JustLMD's crop of split-screen videos (`left`/`right`/`center` half); keypoints are in cropped pixels. */
  crop: z.enum(["full", "left", "right", "center"]).default("full"),
  /** Frames are decoded with their longest side at most this many pixels (keypoints are in source pixels). */
  maxSidePx: z.number().int().min(64).default(640),
  /** One Euro smoothing of x, y (scores untouched). */
  smoothing: z
    .object({ minCutoffHz: z.number().positive().default(1.7), beta: z.number().nonnegative().default(0.3) })
    .optional(),
});
export type PoseEstimateParamsInput = z.input<typeof PoseEstimateParams>;
export type PoseEstimateParams = z.output<typeof PoseEstimateParams>;

/** Poses of one image or video: COCO-17 always, BlazePose-33 and world landmarks when that model ran. */
export interface PoseEstimate {
  readonly model: PoseModelName;
  /** Frame rate of `frames` (null for a still image). */
  readonly fps: number | null;
  /** Source size in pixels; keypoints are in these pixels. */
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  /** (T, 17, 3): x, y, score; NaN for every value of a frame flagged `no-person`. */
  readonly keypoints: Float32Array;
  /** (T, 33, 4): x, y (source pixels), z (pixels, relative to the hips), visibility; BlazePose only. */
  readonly blazepose33: Float32Array | undefined;
  /** (T, 33, 3): metres, origin between the hips; BlazePose only. */
  readonly world33: Float32Array | undefined;
  readonly frameFlags: readonly (readonly FrameFlag[])[];
  readonly clipFlags: readonly ClipFlag[];
  /** The TF.js backend that ran (`wasm`, `cpu`). */
  readonly backend: string;
}

/** One frame of the CLI's JSON. */
export interface PoseJsonFrame {
  readonly keypoints: [number, number, number][] | null;
  readonly flags: readonly FrameFlag[];
}

/** The CLI's JSON form of a result (numbers rounded to 0.01 px and 0.001 score). */
export function poseEstimateJson(estimate: PoseEstimate): {
  model: PoseModelName;
  fps: number | null;
  width: number;
  height: number;
  clipFlags: readonly ClipFlag[];
  frames: PoseJsonFrame[];
} {
  const frames: PoseJsonFrame[] = [];
  for (let t = 0; t < estimate.frames; t++) {
    const flags = estimate.frameFlags[t] ?? [];
    const kp = estimate.keypoints.subarray(t * 51, (t + 1) * 51);
    const keypoints = flags.includes("no-person")
      ? null
      : Array.from({ length: 17 }, (_, j): [number, number, number] => [
          Math.round(kp[j * 3]! * 100) / 100,
          Math.round(kp[j * 3 + 1]! * 100) / 100,
          Math.round(kp[j * 3 + 2]! * 1000) / 1000,
        ]);
    frames.push({ keypoints, flags });
  }
  const { model, fps, width, height, clipFlags } = estimate;
  return { model, fps, width, height, clipFlags, frames };
}
