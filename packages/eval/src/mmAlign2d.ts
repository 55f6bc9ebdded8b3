/**
 * 2D-MM Align (DabFusion, arXiv 2405.09266) — an APPROXIMATION: the paper's exact definition and code are not
 * public (metrics.md §8). choreo computes the natural reading, Bailando's BAS (§2.1) on 2-D keypoints (T×J×2,
 * e.g. COCO-17 from the generated frames) against librosa music beats at the keypoints' frame rate.
 */
import { basBailando, type BasBailandoOptions, type BeatAlignResult } from "./beatAlign.js";
import { InvalidMotionInput } from "./errors.js";
import type { JointSequence } from "./jointSequence.js";

/** The label reports use for this metric. */
export const MM_ALIGN_2D_LABEL = "2D-MM Align (approximation: Bailando BAS on 2-D keypoints)";

/** Bailando BAS over 2-D keypoints; throws InvalidMotionInput unless dims = 2. */
export function mmAlign2d(
  keypoints: JointSequence,
  musicBeats: readonly number[],
  options: BasBailandoOptions = {},
): BeatAlignResult {
  if (keypoints.dims !== 2)
    throw new InvalidMotionInput("keypoints", `2D-MM Align needs T×J×2 keypoints, got D = ${keypoints.dims}`);
  return basBailando(keypoints, musicBeats, options);
}
