/**
 * The shapes shared by the pose models, the tracker and `estimatePoses`: an RGB frame, a crop region in
 * normalised frame coordinates, and one frame's estimate. Plain data so they cross worker threads.
 */

/** The pose models `estimatePoses` runs. */
export const poseModelNames = [
  "movenet-lightning",
  "movenet-thunder",
  "blazepose-full",
  "blazepose-heavy",
] as const;
export type PoseModelName = (typeof poseModelNames)[number];

/** COCO-17 joint names, in model output order. */
export const coco17Names = [
  "nose", "left_eye", "right_eye", "left_ear", "right_ear",
  "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
  "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
] as const; // prettier-ignore
export type Coco17Name = (typeof coco17Names)[number];

/** An RGB24 frame, row-major, `width × height × 3` bytes. */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A square-in-pixels crop, normalised to the frame (may extend past 0..1: padding is black). */
export interface CropRegion {
  readonly yMin: number;
  readonly xMin: number;
  readonly yMax: number;
  readonly xMax: number;
}

/** One frame's raw estimate, in the frame's pixels, before quality checks. */
export interface FrameEstimate {
  /** 17 × (x, y, score). */
  readonly coco17: Float32Array;
  /** BlazePose only: 33 × (x, y, z, score), x/y in frame pixels, z in the model's relative units. */
  readonly blazepose33?: Float32Array;
  /** BlazePose only: 33 × (x, y, z) world landmarks in metres, origin between the hips. */
  readonly world33?: Float32Array;
  /** Whole-pose confidence in [0, 1] (mean keypoint score for MoveNet, pose flag for BlazePose). */
  readonly poseScore: number;
  /** Where to look in the next frame (tracking); undefined: search the whole frame again. */
  readonly nextCrop: CropRegion | undefined;
}

/** A loaded model that estimates one person in a crop of a frame. */
export interface FramePoseModel {
  readonly name: PoseModelName;
  /**
   * Estimates one person inside `crop` (undefined: search the whole frame; BlazePose runs its detector).
   * Undefined when the model itself says nobody is there (BlazePose); MoveNet always answers with scores.
   */
  estimate(frame: RgbFrame, crop: CropRegion | undefined): Promise<FrameEstimate | undefined>;
}
