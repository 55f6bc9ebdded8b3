/**
 * The One Euro filter (Casiez, Roussel, Vogel, CHI 2012): a low-pass filter whose cutoff rises with speed,
 * so slow jitter is smoothed and fast moves are not lagged. Applied per keypoint coordinate, in units of
 * the frame's longest side (so defaults do not depend on resolution), and restarted after any gap.
 * Scores are never smoothed, and frames without a person stay empty.
 */

export interface OneEuroOptions {
  /** Cutoff at rest, Hz (default 1.7). Lower: smoother, more lag. */
  readonly minCutoffHz?: number;
  /** How fast the cutoff rises with speed (default 0.3, per frame-side/s). Higher: less lag on fast moves. */
  readonly beta?: number;
  /** Cutoff of the speed estimate, Hz (default 1.0). */
  readonly derivativeCutoffHz?: number;
}

const alpha = (cutoffHz: number, fps: number): number => {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau * fps);
};

/**
 * Smooths a (T, J, C) keypoint array in place: channels 0 and 1 (x, y) of every joint, frame by frame.
 * `present[t] === 0` marks a frame without a pose: it is skipped and the filter restarts after it.
 */
export function smoothKeypoints(
  keypoints: Float32Array,
  present: Uint8Array,
  shape: { joints: number; channels: number; fps: number; scalePx: number },
  options: OneEuroOptions = {},
): void {
  const { joints, channels, fps, scalePx } = shape;
  const minCutoff = options.minCutoffHz ?? 1.7;
  const beta = options.beta ?? 0.3;
  const aD = alpha(options.derivativeCutoffHz ?? 1.0, fps);
  const values = joints * 2;
  const prev = new Float64Array(values);
  const prevD = new Float64Array(values);
  let primed = false;
  for (let t = 0; t < present.length; t++) {
    if (present[t] === 0) {
      primed = false;
      continue;
    }
    for (let v = 0; v < values; v++) {
      const at = t * joints * channels + (v >> 1) * channels + (v & 1);
      const x = (keypoints[at] ?? 0) / scalePx;
      if (!primed) {
        prev[v] = x;
        prevD[v] = 0;
        continue;
      }
      const d = aD * (x - prev[v]!) * fps + (1 - aD) * prevD[v]!;
      const a = alpha(minCutoff + beta * Math.abs(d), fps);
      const filtered = a * x + (1 - a) * prev[v]!;
      prev[v] = filtered;
      prevD[v] = d;
      keypoints[at] = filtered * scalePx;
    }
    primed = true;
  }
}
