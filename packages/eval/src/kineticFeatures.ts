/**
 * Kinetic motion features (72-d: per joint horizontal kinetic energy, vertical kinetic energy, "energy
 * expenditure"), ported from aistplusplus_api `aist_plusplus/features/kinetic.py::extract_kinetic_features`
 * and `features/utils.py` (@2dd7b3e; identical in Bailando `utils/features/kinetic.py` @cc90b98).
 * `mode: "reference"` keeps the reference's bugs for parity with published FID_k; `mode: "corrected"` uses a
 * proper second difference and float64 throughout. Input is T×24×3 float32; output 72 float32 values.
 */
import type { JointSequence } from "./jointSequence.js";
import { hasNonFinite, ignoreWarnings, type WarnFn } from "./warnings.js";

export type FeatureMode = "reference" | "corrected";

export interface KineticOptions {
  readonly mode?: FeatureMode;
  /** Seconds per frame; default 1/60 (AIST++). */
  readonly frameTimeSec?: number;
  /** Vertical axis; default "y" (AIST++ keypoints are y-up). */
  readonly upAxis?: "y" | "z";
  /** Half width of the averaging window in frames; default 2. */
  readonly slidingWindow?: number;
  readonly warn?: WarnFn;
}

/** The 72 kinetic features `[KE_h, KE_v, EE]` per joint, float32; NaN (with a warning) when T < 3 or NaN input. */
export function kineticFeatures(seq: JointSequence, options: KineticOptions = {}): Float32Array {
  const out = new Float32Array(seq.joints * 3);
  const warn = options.warn ?? ignoreWarnings;
  if (seq.frames < 3 || hasNonFinite(seq.data)) {
    const code = seq.frames < 3 ? "too-short" : "non-finite-input";
    warn({
      metric: "kinetic",
      code,
      message: code === "too-short" ? `T = ${seq.frames} < 3 frames` : "motion has NaN or infinite positions",
    });
    return out.fill(NaN);
  }
  for (let j = 0; j < seq.joints; j++) {
    const [h, v, e] = jointKinetics(seq, j, options);
    out[j * 3] = h;
    out[j * 3 + 1] = v;
    out[j * 3 + 2] = e;
  }
  return out;
}

function jointKinetics(seq: JointSequence, joint: number, options: KineticOptions): [number, number, number] {
  const reference = (options.mode ?? "reference") === "reference";
  const dt = options.frameTimeSec ?? 1 / 60;
  const w = options.slidingWindow ?? 2;
  const up = options.upAxis === "z" ? 2 : 1;
  const [h0, h1] = up === 1 ? [0, 2] : [0, 1];
  const { frames: n, joints, data } = seq;
  const dt32 = Math.fround(dt);
  // Per-frame terms first (displacement k−1→k, acceleration term at k), then the windows sum them in order.
  const disp = new Float64Array(n * 3);
  const accel = new Float64Array(n * 3);
  for (let k = 1; k < n; k++) {
    for (let c = 0; c < 3; c++) {
      const p0 = data[((k - 1) * joints + joint) * 3 + c]!;
      const p1 = data[(k * joints + joint) * 3 + c]!;
      disp[k * 3 + c] = reference ? Math.fround(p1 - p0) : p1 - p0;
      if (k + 1 >= n) continue;
      const p2 = data[((k + 1) * joints + joint) * 3 + c]!;
      if (reference) {
        // parity: `v1 = p[k] - p[k-1] / frame_time` (precedence bug), all in float32, as in utils.py.
        const v2 = Math.fround(Math.fround(p2 - p1) / dt32);
        const v1 = Math.fround(p1 - Math.fround(p0 / dt32));
        accel[k * 3 + c] = Math.fround(Math.fround(v2 - v1) / dt32);
      } else {
        accel[k * 3 + c] = (p2 - 2 * p1 + p0) / (dt * dt);
      }
    }
  }
  let keH = 0,
    keV = 0,
    ee = 0;
  for (let i = 1; i < n; i++) {
    let v0 = 0,
      v1 = 0,
      v2 = 0,
      a0 = 0,
      a1 = 0,
      a2 = 0;
    let count = 0,
      count2 = 0;
    for (let k = Math.max(1, i - w); k <= i + w && k < n; k++) {
      v0 += disp[k * 3]!;
      v1 += disp[k * 3 + 1]!;
      v2 += disp[k * 3 + 2]!;
      count++;
      if (k + 1 >= n) continue;
      a0 += accel[k * 3]!;
      a1 += accel[k * 3 + 1]!;
      a2 += accel[k * 3 + 2]!;
      count2++;
    }
    const vel = [v0, v1, v2];
    const scale = count * dt;
    const hx = vel[h0]! / scale,
      hz = vel[h1]! / scale;
    const hNorm = Math.sqrt(hx * hx + hz * hz);
    keH += hNorm * hNorm;
    const vNorm = Math.abs(vel[up]! / scale);
    keV += vNorm * vNorm;
    // parity: T < 3 leaves count2 = 0 and the reference divides by zero; guarded above.
    ee += Math.sqrt((a0 / count2) ** 2 + (a1 / count2) ** 2 + (a2 / count2) ** 2);
  }
  return [keH / (n - 1), keV / (n - 1), ee / (n - 1)];
}
