/**
 * Quality flags: per frame (no person, low confidence, limb ends out of view or unplaceable, identity
 * switch, person found again after a gap) and per clip, from raw estimates. Flags only describe; they never
 * fill a missing pose. A frame flagged `no-person` carries no keypoints at all.
 */
import { isIdentityJump } from "./tracking.js";

export const frameFlags = [
  "no-person",
  "low-confidence",
  "limbs-out-of-view",
  "identity-switch",
  "reacquired",
] as const;
/** A per-frame quality flag. */
export type FrameFlag = (typeof frameFlags)[number];

export const clipFlags = [
  "no-person",
  "person-missing",
  "low-confidence",
  "limbs-out-of-view",
  "identity-switch",
] as const;
/** A per-clip quality flag. */
export type ClipFlag = (typeof clipFlags)[number];

export interface QualityThresholds {
  /** Mean COCO-17 score under which a frame has no person (default 0.2; empty scenes score ≈ 0.03-0.11). */
  readonly minPoseScore?: number;
  /** Mean score under which a present pose is `low-confidence` (default 0.4). */
  readonly lowPoseScore?: number;
  /** Score under which a wrist or ankle counts as not visible (default 0.2). */
  readonly minLimbScore?: number;
  /** Fraction of frames over which a clip gets a frame flag as a clip flag (default 0.25). */
  readonly clipFraction?: number;
}

const limbEnds = [9, 10, 15, 16] as const;

/** Mean of the 17 scores of a (x, y, score) × 17 pose. */
export function meanScore(kp: Float32Array): number {
  let total = 0;
  for (let j = 0; j < 17; j++) total += kp[j * 3 + 2] ?? 0;
  return total / 17;
}

function limbsOutOfView(kp: Float32Array, width: number, height: number, minLimbScore: number): boolean {
  return limbEnds.some((j) => {
    const [x, y, s] = [kp[j * 3] ?? 0, kp[j * 3 + 1] ?? 0, kp[j * 3 + 2] ?? 0];
    return s < minLimbScore || x < 0 || y < 0 || x >= width || y >= height;
  });
}

/** Per-frame flags and a presence mask for T poses (undefined: the model found nobody). */
export function frameQuality(
  poses: readonly (Float32Array | undefined)[],
  frame: { width: number; height: number },
  thresholds: QualityThresholds = {},
): { flags: FrameFlag[][]; present: Uint8Array } {
  const minPose = thresholds.minPoseScore ?? 0.2;
  const lowPose = thresholds.lowPoseScore ?? 0.4;
  const minLimb = thresholds.minLimbScore ?? 0.2;
  const present = new Uint8Array(poses.length);
  const flags: FrameFlag[][] = [];
  let last: Float32Array | undefined;
  let gap = false;
  poses.forEach((kp, t) => {
    const score = kp === undefined ? 0 : meanScore(kp);
    if (kp === undefined || score < minPose) {
      flags.push(["no-person"]);
      gap = last !== undefined;
      return;
    }
    const f: FrameFlag[] = [];
    if (score < lowPose) f.push("low-confidence");
    if (limbsOutOfView(kp, frame.width, frame.height, minLimb)) f.push("limbs-out-of-view");
    if (gap) f.push("reacquired");
    else if (last !== undefined && isIdentityJump(last, kp, { minScore: minPose })) f.push("identity-switch");
    present[t] = 1;
    flags.push(f);
    last = kp;
    gap = false;
  });
  return { flags, present };
}

/** Clip flags from per-frame flags. */
export function clipQuality(
  flags: readonly (readonly FrameFlag[])[],
  thresholds: QualityThresholds = {},
): ClipFlag[] {
  const fraction = thresholds.clipFraction ?? 0.25;
  const count = (flag: FrameFlag): number => flags.filter((f) => f.includes(flag)).length;
  const frames = flags.length;
  const missing = count("no-person");
  const present = frames - missing;
  const out: ClipFlag[] = [];
  if (frames === 0 || missing === frames) return ["no-person"];
  if (missing > 0) out.push("person-missing");
  if (count("low-confidence") > fraction * present) out.push("low-confidence");
  if (count("limbs-out-of-view") > fraction * present) out.push("limbs-out-of-view");
  if (count("identity-switch") + count("reacquired") > 0) out.push("identity-switch");
  return out;
}
