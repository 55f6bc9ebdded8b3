/**
 * EasyMocap's camera for internet video and root translation from 2D: the pinhole camera that EasyMocap's
 * `apps/calibration/create_blank_camera.py` writes (focal = 1.2 × min(height, width), principal point at
 * the image centre, R = I, T = 0; JustLMD's 1280×720 frames carry K = [[864, 0, 640], …]), and the
 * translation t that best places root-relative 3D joints (camera axes, y down) over their 2D keypoints:
 * u = f·(x + tx)/(z + tz) + cx is linear in t, solved by weighted least squares per frame. No distortion,
 * no rotation estimate (the joints' orientation is taken as already camera-aligned).
 */

/** A pinhole camera without distortion. */
export interface PinholeCamera {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly focalPx: number;
  readonly cxPx: number;
  readonly cyPx: number;
}

/**
 * EasyMocap's blank camera. `focalOf: "min"` (default) is what EasyMocap and JustLMD's files use; `"max"`
 * gives 1.2 × max(w, h), as the choreo issue text states it.
 */
export function easyMocapCamera(options: {
  widthPx: number;
  heightPx: number;
  focalOf?: "min" | "max";
}): PinholeCamera {
  const { widthPx, heightPx } = options;
  const side =
    (options.focalOf ?? "min") === "min" ? Math.min(widthPx, heightPx) : Math.max(widthPx, heightPx);
  return { widthPx, heightPx, focalPx: 1.2 * side, cxPx: widthPx / 2, cyPx: heightPx / 2 };
}

/** The 3×3 intrinsic matrix, row-major, as EasyMocap's `K`. */
export function intrinsicMatrix(camera: PinholeCamera): number[][] {
  return [
    [camera.focalPx, 0, camera.cxPx],
    [0, camera.focalPx, camera.cyPx],
    [0, 0, 1],
  ];
}

/** Input of `rootTranslationFrom2d`: T frames of J joints. */
export interface RootTranslationInput {
  /** T×J×3 joints relative to the root, camera axes (x right, y down, z forward), metres. */
  readonly joints: Float32Array | Float64Array;
  /** T×J×3 keypoints (x px, y px, score); a score ≤ `minScore` leaves the joint out. */
  readonly keypoints: Float32Array | Float64Array;
  readonly jointsPerFrame: number;
  readonly camera: PinholeCamera;
  readonly minScore?: number;
}

function solve3(a: Float64Array, b: Float64Array): [number, number, number] | undefined {
  const det = (m: Float64Array): number =>
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!);
  const d = det(a);
  if (Math.abs(d) < 1e-12) return undefined;
  const col = (k: number): number => {
    const m = a.slice();
    for (let r = 0; r < 3; r++) m[r * 3 + k] = b[r]!;
    return det(m) / d;
  };
  return [col(0), col(1), col(2)];
}

/** Per-frame camera translation of the root (T×3); NaN for a frame with fewer than 2 usable joints. */
export function rootTranslationFrom2d(input: RootTranslationInput): Float64Array {
  const { camera, jointsPerFrame } = input;
  if (input.keypoints.length !== input.joints.length)
    throw new RangeError("rootTranslationFrom2d: joints and keypoints differ in length");
  const frames = input.joints.length / (jointsPerFrame * 3);
  if (!Number.isInteger(frames))
    throw new RangeError(`rootTranslationFrom2d: length ${input.joints.length} is not T×${jointsPerFrame}×3`);
  const minScore = input.minScore ?? 0;
  const f = camera.focalPx;
  const result = new Float64Array(frames * 3);
  const ata = new Float64Array(9);
  const atb = new Float64Array(3);
  for (let t = 0; t < frames; t++) {
    ata.fill(0);
    atb.fill(0);
    let used = 0;
    for (let j = 0; j < jointsPerFrame; j++) {
      const k = (t * jointsPerFrame + j) * 3;
      const w = input.keypoints[k + 2]!;
      if (!(w > minScore)) continue;
      used++;
      const [x, y, z] = [input.joints[k]!, input.joints[k + 1]!, input.joints[k + 2]!];
      const du = input.keypoints[k]! - camera.cxPx,
        dv = input.keypoints[k + 1]! - camera.cyPx;
      // rows: [f, 0, −du]·t = du·z − f·x and [0, f, −dv]·t = dv·z − f·y
      for (const [row, rhs] of [
        [[f, 0, -du], du * z - f * x],
        [[0, f, -dv], dv * z - f * y],
      ] as const) {
        for (let r = 0; r < 3; r++) {
          atb[r]! += w * row[r]! * rhs;
          for (let c = 0; c < 3; c++) ata[r * 3 + c]! += w * row[r]! * row[c]!;
        }
      }
    }
    const solved = used >= 2 ? solve3(ata, atb) : undefined;
    result.set(solved ?? [NaN, NaN, NaN], t * 3);
  }
  return result;
}
