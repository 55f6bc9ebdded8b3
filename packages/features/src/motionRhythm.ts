/**
 * Rhythm features of motion, `directogram` and `rhythmPeaks`: the RhythmEncoder of Dance-to-Music
 * (lsfhuihuiff/Dance-to-music_Siggraph_Asia_2024 `audiocraft/modules/embedding_manager.py`, db36608): per frame
 * step, each joint's 2D displacement magnitude into one of 10 bins by floor(angle in degrees mod 180) mod 10,
 * summed over joints; spectral flux (rectified), normalised by its max; peaks by the forward-looking window
 * rule, last of a run kept.
 * Works on any joint count (x, y of each joint; a trailing confidence channel is skipped through `stride`).
 * Kinematic beats (local minima of joint speed) are @choreo/motion's `kinematicBeats`.
 */
import type { JointsLayout } from "@choreo/motion";

/** Dance-to-Music's directogram of consecutive 2D displacements: (T-1) × bins, row-major. */
export function directogram(keypoints: Float32Array, layout: JointsLayout, bins = 10): Float32Array {
  const stride = layout.stride ?? layout.dims;
  const steps = Math.max(0, layout.frames - 1);
  const out = new Float32Array(steps * bins);
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < layout.joints; j++) {
      const a = (t * layout.joints + j) * stride;
      const b = ((t + 1) * layout.joints + j) * stride;
      const dx = Math.fround(keypoints[b]! - keypoints[a]!);
      const dy = Math.fround(keypoints[b + 1]! - keypoints[a + 1]!);
      const magnitude = Math.fround(Math.hypot(dx, dy));
      const degrees = Math.fround(Math.fround(Math.atan2(dy, dx)) * Math.fround(180 / Math.PI));
      const wrapped = ((degrees % 180) + 180) % 180; // parity: torch's % takes the divisor's sign
      out[t * bins + (Math.floor(wrapped) % bins)]! += magnitude;
    }
  }
  return out;
}

/** The rhythm envelope (T-2, normalised to max 1; NaN when nothing moves, as the reference) and its peaks (0/1). */
export function rhythmPeaks(directo: Float32Array, bins = 10): { envelope: Float32Array; peaks: Uint8Array } {
  const rows = directo.length / bins;
  const n = Math.max(0, rows - 1);
  const env = new Float32Array(n);
  let max = -Infinity;
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 0; k < bins; k++) s += Math.max(0, directo[(t + 1) * bins + k]! - directo[t * bins + k]!);
    env[t] = s;
    if (env[t]! > max) max = env[t]!;
  }
  let mean = 0;
  for (let t = 0; t < n; t++) {
    env[t] = env[t]! / max;
    mean += env[t]!;
  }
  mean /= n;
  const window = (start: number, len: number, f: "mean" | "max"): number => {
    if (start + len > n) return 0; // parity: unfold drops partial windows, then zero-padded at the end
    let acc = f === "max" ? -Infinity : 0;
    for (let i = start; i < start + len; i++) acc = f === "max" ? Math.max(acc, env[i]!) : acc + env[i]!;
    return f === "max" ? acc : acc / len;
  };
  const raw = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const localMax = window(t, 6, "max");
    raw[t] = localMax - window(t, 4, "mean") > 0.1 * mean && localMax === env[t] ? 1 : 0;
  }
  const peaks = new Uint8Array(n);
  for (let t = 0; t + 1 < n; t++) peaks[t] = raw[t] === 1 && raw[t + 1] === 0 ? 1 : 0; // parity: the last of a run
  return { envelope: env, peaks };
}
