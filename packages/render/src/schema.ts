/**
 * What @choreo/render takes: motions to draw (3D joint positions over time, or 2D keypoints in a source
 * video's pixels), the drawing style, and the zod schemas of the options that enter from the CLI.
 */
import { z } from "zod";
import type { FloatArray, Skeleton } from "@choreo/motion";

/** 3D joint positions: T×J×3, metres, y up (joints24 of an SMPL sequence, AIST++ keypoints3d, ...). */
export interface Joints3dMotion {
  readonly kind: "joints3d";
  readonly skeleton: Skeleton;
  readonly fps: number;
  readonly frames: number;
  readonly positionsM: FloatArray;
}

/** 2D keypoints in source pixels: T×J×C with x, y first and a score third when C ≥ 3; NaN for no person. */
export interface Keypoints2dMotion {
  readonly kind: "keypoints2d";
  readonly skeleton: Skeleton;
  readonly fps: number;
  readonly frames: number;
  /** Values per keypoint (2: x, y; 3: x, y, score; 4: BlazePose x, y, z, visibility). */
  readonly channels: number;
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  readonly keypoints: FloatArray;
}

/** A motion the preview renderer draws. */
export type PreviewMotion = Joints3dMotion | Keypoints2dMotion;

/** Colours and sizes of a preview. */
export interface PreviewStyle {
  readonly background: readonly [number, number, number];
  readonly grid: readonly [number, number, number];
  readonly left: readonly [number, number, number];
  readonly right: readonly [number, number, number];
  readonly centre: readonly [number, number, number];
  readonly text: readonly [number, number, number];
  readonly beat: readonly [number, number, number];
  /** Bone width at a 512-pixel-high frame (scaled with the frame height). */
  readonly boneWidthPx: number;
}

/** The default style: dark background, the dancer's left blue, right orange. */
export const defaultPreviewStyle: PreviewStyle = {
  background: [22, 24, 29],
  grid: [70, 76, 90],
  left: [78, 161, 255],
  right: [255, 122, 69],
  centre: [230, 230, 230],
  text: [200, 200, 200],
  beat: [255, 210, 63],
  boneWidthPx: 6,
};

/** Euler orders a BVH can declare (the order its rotation channels are listed and applied in). */
export const EulerOrderSchema = z.enum(["ZXY", "ZYX", "XYZ", "XZY", "YXZ", "YZX"]);
export type EulerOrder = z.infer<typeof EulerOrderSchema>;

/** Options of a preview video (as the CLI and config give them). */
export const PreviewOptionsSchema = z.object({
  width: z.number().int().min(64).max(4096).default(512),
  height: z.number().int().min(64).max(4096).default(512),
  /** Orbit speed in degrees per second (0: fixed camera). */
  orbitDegPerSec: z.number().default(0),
  azimuthDeg: z.number().default(0),
  /** x264 constant rate factor. */
  crf: z.number().int().min(0).max(51).default(20),
});
export type PreviewOptionsInput = z.input<typeof PreviewOptionsSchema>;
