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
    warn({ metric: "kinetic", code, message: code === "too-short" ? `T = ${seq.frames} < 3 frames` : "motion has NaN or infinite positions" });
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
  const at = (t: number, c: number): number => data[(t * joints + joint) * 3 + c]!;
  const round = reference ? Math.fround : (x: number): number => x;
  const dt32 = round(dt);
  let keH = 0, keV = 0, ee = 0;
  const vel = [0, 0, 0];
  const acc = [0, 0, 0];
  for (let i = 1; i < n; i++) {
    vel.fill(0);
    acc.fill(0);
    let count = 0, count2 = 0;
    for (let k = i - w; k <= i + w; k++) {
      if (k - 1 < 0 || k >= n) continue;
      for (let c = 0; c < 3; c++) vel[c] = vel[c]! + round(at(k, c) - at(k - 1, c));
      count++;
      if (k + 1 >= n) continue;
      for (let c = 0; c < 3; c++) {
        let a: number;
        if (reference) {
          // parity: `v1 = p[k] - p[k-1] / frame_time` (precedence bug), all in float32, as in utils.py.
          const v2 = Math.fround(Math.fround(at(k + 1, c) - at(k, c)) / dt32);
          const v1 = Math.fround(at(k, c) - Math.fround(at(k - 1, c) / dt32));
          a = Math.fround(Math.fround(v2 - v1) / dt32);
        } else {
          a = (at(k + 1, c) - 2 * at(k, c) + at(k - 1, c)) / (dt * dt);
        }
        acc[c] = acc[c]! + a;
      }
      count2++;
    }
    const scale = count * dt;
    const hx = vel[h0]! / scale, hz = vel[h1]! / scale;
    const hNorm = Math.sqrt(hx * hx + hz * hz);
    keH += hNorm * hNorm;
    const vNorm = Math.abs(vel[up]! / scale);
    keV += vNorm * vNorm;
    // parity: T < 3 leaves count2 = 0 and the reference divides by zero; guarded above.
    ee += Math.sqrt((acc[0]! / count2) ** 2 + (acc[1]! / count2) ** 2 + (acc[2]! / count2) ** 2);
  }
  return [keH / (n - 1), keV / (n - 1), ee / (n - 1)];
}
