/**
 * Approximate SMPL-24 joints from COCO-17 keypoints or BlazePose-33 landmarks: each SMPL joint is a fixed
 * weighted sum of source points (weights sum to 1, so the mapping commutes with rigid motions and works on
 * 2D or 3D points). Hips, knees, ankles, shoulders, elbows and wrists map one to one; the pelvis sits 15 %
 * up the torso from the hip midpoint (SMPL's hips are ~8 cm below its pelvis); spine joints are spread
 * along the hip-to-shoulder line; collars are a third of the way out to the shoulders; the neck is a little
 * above the shoulder midpoint and the head at the ears. COCO-17 has no toes or hands: the toes copy the
 * ankles and the hands extend the forearms by a third (`coco17ToSmpl24Unobserved` lists them). These are
 * anatomical guesses, not a learned regressor: expect centimetres of error on the spine, neck and collars.
 */

/** One SMPL joint as Σ weight × source point. */
export interface JointBlend {
  readonly from: readonly number[];
  readonly weights: readonly number[];
}

type Blend = readonly [readonly number[], readonly number[]];

function blends(rows: readonly Blend[]): readonly JointBlend[] {
  return rows.map(([from, weights]) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`joint blend weights sum to ${sum}`);
    return { from, weights };
  });
}

/** Torso blend between the hip midpoint (hips l, r) and the shoulder midpoint (shoulders l, r) at `u`. */
function torso(hips: readonly [number, number], shoulders: readonly [number, number], u: number): Blend {
  return [
    [...hips, ...shoulders],
    [(1 - u) / 2, (1 - u) / 2, u / 2, u / 2],
  ];
}

/** Neck: 20 % of the way from the shoulder midpoint to the ear midpoint. */
function neck(shoulders: readonly [number, number], ears: readonly [number, number]): Blend {
  return [
    [...shoulders, ...ears],
    [0.4, 0.4, 0.1, 0.1],
  ];
}

/** Collar: a third of the way from the neck base (shoulder midpoint) to that shoulder. */
function collar(shoulders: readonly [number, number], side: 0 | 1): Blend {
  // mid + (shoulder − mid) / 3 = 2/3 of this shoulder + 1/3 of the other
  const w = side === 0 ? [2 / 3, 1 / 3] : [1 / 3, 2 / 3];
  return [shoulders, w];
}

/** BlazePose-33 → SMPL-24 (SMPL joint order). */
export const blazepose33ToSmpl24: readonly JointBlend[] = (() => {
  const hips = [23, 24] as const,
    shoulders = [11, 12] as const,
    ears = [7, 8] as const;
  return blends([
    torso(hips, shoulders, 0.15), // root
    [[23], [1]],
    [[24], [1]], // lhip, rhip
    torso(hips, shoulders, 0.4), // belly
    [[25], [1]],
    [[26], [1]], // knees
    torso(hips, shoulders, 0.65), // spine
    [[27], [1]],
    [[28], [1]], // ankles
    torso(hips, shoulders, 0.78), // chest
    [
      [29, 31],
      [0.25, 0.75],
    ],
    [
      [30, 32],
      [0.25, 0.75],
    ], // toes: the ball of the foot
    neck(shoulders, ears),
    collar(shoulders, 0),
    collar(shoulders, 1),
    [[...ears], [0.5, 0.5]], // head
    [[11], [1]],
    [[12], [1]],
    [[13], [1]],
    [[14], [1]],
    [[15], [1]],
    [[16], [1]], // shoulders, elbows, wrists
    [
      [17, 19],
      [0.5, 0.5],
    ],
    [
      [18, 20],
      [0.5, 0.5],
    ], // hands: between the pinky and index knuckles
  ]);
})();

/** COCO-17 → SMPL-24 (SMPL joint order); toes and hands are extrapolated. */
export const coco17ToSmpl24: readonly JointBlend[] = (() => {
  const hips = [11, 12] as const,
    shoulders = [5, 6] as const,
    ears = [3, 4] as const;
  return blends([
    torso(hips, shoulders, 0.15),
    [[11], [1]],
    [[12], [1]],
    torso(hips, shoulders, 0.4),
    [[13], [1]],
    [[14], [1]],
    torso(hips, shoulders, 0.65),
    [[15], [1]],
    [[16], [1]],
    torso(hips, shoulders, 0.78),
    [[15], [1]],
    [[16], [1]], // toes: unobserved, at the ankles
    neck(shoulders, ears),
    collar(shoulders, 0),
    collar(shoulders, 1),
    [[...ears], [0.5, 0.5]],
    [[5], [1]],
    [[6], [1]],
    [[7], [1]],
    [[8], [1]],
    [[9], [1]],
    [[10], [1]],
    [
      [9, 7],
      [4 / 3, -1 / 3],
    ],
    [
      [10, 8],
      [4 / 3, -1 / 3],
    ], // hands: the forearm extended by a third
  ]);
})();

/** SMPL joints that COCO-17 cannot see (ltoes, rtoes, lhand, rhand): guesses, not observations. */
export const coco17ToSmpl24Unobserved: readonly number[] = [10, 11, 22, 23];

/**
 * Applies a mapping to T frames of points (T×S×D, D = 2 or 3, any extra channels such as scores are not
 * accepted: pass coordinates only). Returns T×24×D.
 */
export function mapToSmpl24(
  points: Float32Array | Float64Array,
  options: { sourceJoints: number; dims: number; mapping: readonly JointBlend[] },
): Float64Array {
  const { sourceJoints, dims, mapping } = options;
  const frames = points.length / (sourceJoints * dims);
  if (!Number.isInteger(frames))
    throw new RangeError(`mapToSmpl24: length ${points.length} is not T×${sourceJoints}×${dims}`);
  const out = new Float64Array(frames * mapping.length * dims);
  for (let t = 0; t < frames; t++) {
    mapping.forEach((blend, j) => {
      for (let c = 0; c < dims; c++) {
        let v = 0;
        blend.from.forEach((s, k) => (v += blend.weights[k]! * points[(t * sourceJoints + s) * dims + c]!));
        out[(t * mapping.length + j) * dims + c] = v;
      }
    });
  }
  return out;
}
