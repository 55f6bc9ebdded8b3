/**
 * Single-person tracking by cropping around the previous pose: MoveNet's cropping algorithm (TF Hub
 * "movenet" tutorial, `determine_crop_region`: a square around the hips sized by torso and body extent,
 * reset to the whole padded frame when the torso is not visible) and an identity check between consecutive
 * poses (`isIdentityJump`). It does not re-identify people by appearance.
 */
import type { CropRegion } from "./estimateTypes.js";

// parity: MoveNet tutorial's MIN_CROP_KEYPOINT_SCORE and its 1.9 (torso) / 1.2 (body) margins
const minCropKeypointScore = 0.2;
const torsoMargin = 1.9;
const bodyMargin = 1.2;
const [lShoulder, rShoulder, lHip, rHip] = [5, 6, 11, 12] as const;

/** The whole frame padded to a square, centred (MoveNet's `init_crop_region`). */
export function initialCropRegion(width: number, height: number): CropRegion {
  if (width > height) {
    const h = width / height;
    const yMin = (height / 2 - width / 2) / height;
    return { yMin, xMin: 0, yMax: yMin + h, xMax: 1 };
  }
  const w = height / width;
  const xMin = (width / 2 - height / 2) / width;
  return { yMin: 0, xMin, yMax: 1, xMax: xMin + w };
}

const score = (kp: Float32Array, j: number): number => kp[j * 3 + 2] ?? 0;

function torsoVisible(kp: Float32Array): boolean {
  const hips = score(kp, lHip) > minCropKeypointScore || score(kp, rHip) > minCropKeypointScore;
  const shoulders =
    score(kp, lShoulder) > minCropKeypointScore || score(kp, rShoulder) > minCropKeypointScore;
  return hips && shoulders;
}

/** The next frame's crop from this frame's COCO-17 keypoints (x, y, score in frame pixels). */
export function nextCropRegion(kp: Float32Array, width: number, height: number): CropRegion {
  if (!torsoVisible(kp)) return initialCropRegion(width, height);
  const cx = ((kp[lHip * 3] ?? 0) + (kp[rHip * 3] ?? 0)) / 2;
  const cy = ((kp[lHip * 3 + 1] ?? 0) + (kp[rHip * 3 + 1] ?? 0)) / 2;
  let torso = 0;
  for (const j of [lShoulder, rShoulder, lHip, rHip]) {
    torso = Math.max(torso, Math.abs(cx - (kp[j * 3] ?? 0)), Math.abs(cy - (kp[j * 3 + 1] ?? 0)));
  }
  let body = 0;
  for (let j = 0; j < 17; j++) {
    if (score(kp, j) < minCropKeypointScore) continue;
    body = Math.max(body, Math.abs(cx - (kp[j * 3] ?? 0)), Math.abs(cy - (kp[j * 3 + 1] ?? 0)));
  }
  let half = Math.max(torso * torsoMargin, body * bodyMargin);
  half = Math.min(half, Math.max(cx, width - cx, cy, height - cy));
  if (half > Math.max(width, height) / 2) return initialCropRegion(width, height);
  return {
    yMin: (cy - half) / height,
    xMin: (cx - half) / width,
    yMax: (cy + half) / height,
    xMax: (cx + half) / width,
  };
}

/** Centre and size (largest side of the confident keypoints' box) of a pose, in pixels. */
export function poseExtent(
  kp: Float32Array,
  minScore: number,
): { cx: number; cy: number; size: number } | undefined {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let j = 0; j < 17; j++) {
    if (score(kp, j) < minScore) continue;
    const x = kp[j * 3] ?? 0;
    const y = kp[j * 3 + 1] ?? 0;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  if (x0 === Infinity) return undefined;
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, size: Math.max(x1 - x0, y1 - y0, 1) };
}

/**
 * True when two consecutive poses are unlikely to be the same person: the centre moves by more than
 * `maxShift` (0.25) × the previous pose's size, or the size changes more than `maxScale` (1.6)× either way:
 * between two frames a dancer's body centre rarely moves a quarter of their height.
 */
export function isIdentityJump(
  previous: Float32Array,
  current: Float32Array,
  options: { minScore: number; maxShift?: number; maxScale?: number },
): boolean {
  const a = poseExtent(previous, options.minScore);
  const b = poseExtent(current, options.minScore);
  if (a === undefined || b === undefined) return false;
  const shift = Math.hypot(b.cx - a.cx, b.cy - a.cy) / a.size;
  const scale = Math.max(b.size / a.size, a.size / b.size);
  return shift > (options.maxShift ?? 0.25) || scale > (options.maxScale ?? 1.6);
}
