/**
 * Geometric ("manual") motion features, 32 booleans per frame averaged over frames 1..T−1, ported from
 * aistplusplus_api `aist_plusplus/features/manual.py::extract_manual_features` and `features/utils.py`
 * (@2dd7b3e, the fixed SMPL joint order; Bailando `utils/features/manual_new.py`, not its old `manual.py`).
 * `mode: "reference"` keeps the fairmotion quirks (velocities at 1/120 s on 60 fps data, `move` ignoring its
 * 4th joint, rest-pose constants); `mode: "corrected"` uses 1/fps and the 4th joint. Float64 arithmetic on the
 * float32 positions: decisions can differ from numpy's float32 only within ~1e-7 of a threshold.
 */
import type { JointSequence } from "./jointSequence.js";
import type { FeatureMode } from "./kineticFeatures.js";
import { hasNonFinite, ignoreWarnings, type WarnFn } from "./warnings.js";

export interface GeometricOptions {
  readonly mode?: FeatureMode;
  /** Frame rate, used by the corrected mode only (the reference uses 1/120 s whatever the data); default 60. */
  readonly fps?: number;
  readonly warn?: WarnFn;
}

type Vec = readonly [number, number, number];
// SMPL joint indices (metrics.md §1).
const J = { root: 0, lhip: 1, rhip: 2, belly: 3, lknee: 4, rknee: 5, lankle: 7, rankle: 8, chest: 9, ltoes: 10, rtoes: 11,
  neck: 12, lshoulder: 16, rshoulder: 17, lelbow: 18, relbow: 19, lwrist: 20, rwrist: 21 } as const;
type Name = keyof typeof J | "zero" | "yUnit" | "minusYUnit" | "yMin";
// parity: hard-coded SMPL rest-pose lengths of ManualFeatures.__init__.
const HL = 0.2568381092115207, SW = 0.39084835854945527, HW = 0.11924706586886204;

type Feature =
  | { kind: "move" | "nmove" | "plane" | "nplane"; j: [Name, Name, Name, Name]; th: number }
  | { kind: "angle"; j: [Name, Name, Name, Name]; range: [number, number] }
  | { kind: "fast"; j: [Name]; th: number };

const mv = (kind: "move" | "nmove" | "plane" | "nplane", a: Name, b: Name, c: Name, d: Name, th: number): Feature => ({ kind, j: [a, b, c, d], th });
const ang = (a: Name, b: Name, c: Name, d: Name, lo: number, hi: number): Feature => ({ kind: "angle", j: [a, b, c, d], range: [lo, hi] });
const fast = (a: Name, th: number): Feature => ({ kind: "fast", j: [a], th });

/** The 32 features in output order (metrics.md §3.2). */
const FEATURES: readonly Feature[] = [
  mv("nmove", "neck", "rhip", "lhip", "rwrist", 1.8 * HL), mv("nmove", "neck", "lhip", "rhip", "lwrist", 1.8 * HL),
  mv("nplane", "chest", "neck", "neck", "rwrist", 0.2 * HL), mv("nplane", "chest", "neck", "neck", "lwrist", 0.2 * HL),
  mv("move", "belly", "chest", "chest", "rwrist", 1.8 * HL), mv("move", "belly", "chest", "chest", "lwrist", 1.8 * HL),
  ang("relbow", "rshoulder", "relbow", "rwrist", 0, 110), ang("lelbow", "lshoulder", "lelbow", "lwrist", 0, 110),
  mv("nplane", "lshoulder", "rshoulder", "lwrist", "rwrist", 2.5 * SW),
  mv("move", "lwrist", "rwrist", "rwrist", "lwrist", 1.4 * HL), mv("move", "rwrist", "root", "lwrist", "root", 1.4 * HL),
  mv("move", "lwrist", "root", "rwrist", "root", 1.4 * HL),
  fast("rwrist", 2.5 * HL), fast("lwrist", 2.5 * HL),
  mv("plane", "root", "lhip", "ltoes", "rankle", 0.38 * HL), mv("plane", "root", "rhip", "rtoes", "lankle", 0.38 * HL),
  mv("nplane", "zero", "yUnit", "yMin", "rankle", 1.2 * HL), mv("nplane", "zero", "yUnit", "yMin", "lankle", 1.2 * HL),
  mv("nplane", "lhip", "rhip", "lankle", "rankle", 2.1 * HW),
  ang("rknee", "rhip", "rknee", "rankle", 0, 110), ang("lknee", "lhip", "lknee", "lankle", 0, 110),
  fast("rankle", 2.5 * HL), fast("lankle", 2.5 * HL),
  ang("neck", "root", "rshoulder", "relbow", 25, 180), ang("neck", "root", "lshoulder", "lelbow", 25, 180),
  ang("neck", "root", "rhip", "rknee", 50, 180), ang("neck", "root", "lhip", "lknee", 50, 180),
  mv("plane", "rankle", "neck", "lankle", "root", 0.5 * HL), ang("neck", "root", "zero", "yUnit", 70, 110),
  mv("nplane", "zero", "minusYUnit", "yMin", "rwrist", -1.2 * HL), mv("nplane", "zero", "minusYUnit", "yMin", "lwrist", -1.2 * HL),
  fast("root", 2.3 * HL),
];

const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec): number => Math.sqrt(dot(a, a));
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** The 32 geometric features (fractions of the T−1 frames where each holds), float32; NaN when T < 2 or NaN input. */
export function geometricFeatures(seq: JointSequence, options: GeometricOptions = {}): Float32Array {
  const out = new Float32Array(FEATURES.length);
  const warn = options.warn ?? ignoreWarnings;
  if (seq.frames < 2 || hasNonFinite(seq.data)) {
    const code = seq.frames < 2 ? "too-short" : "non-finite-input";
    warn({ metric: "geometric", code, message: code === "too-short" ? `T = ${seq.frames} < 2 frames` : "motion has NaN or infinite positions" });
    return out.fill(NaN);
  }
  const reference = (options.mode ?? "reference") === "reference";
  // parity: fairmotion's time_per_frame = 1/120 whatever the frame rate.
  const perSec = reference ? 120 : (options.fps ?? 60);
  const counts = new Float64Array(FEATURES.length);
  for (let f = 1; f < seq.frames; f++) {
    const pos = framePositions(seq, f);
    const prev = framePositions(seq, f - 1);
    FEATURES.forEach((feature, i) => {
      if (evaluate(feature, pos, prev, perSec, reference)) counts[i]!++;
    });
  }
  for (let i = 0; i < FEATURES.length; i++) out[i] = counts[i]! / (seq.frames - 1);
  return out;
}

function framePositions(seq: JointSequence, f: number): (name: Name) => Vec {
  const base = f * seq.joints * 3;
  const d = seq.data;
  return (name) => {
    switch (name) {
      case "zero": return [0, 0, 0];
      case "yUnit": return [0, 1, 0];
      case "minusYUnit": return [0, -1, 0];
      case "yMin": {
        let m = Infinity;
        for (let j = 0; j < seq.joints; j++) m = Math.min(m, d[base + j * 3 + 1]!);
        return [0, m, 0];
      }
      default: {
        const o = base + J[name] * 3;
        return [d[o]!, d[o + 1]!, d[o + 2]!];
      }
    }
  };
}

function evaluate(feature: Feature, x: (n: Name) => Vec, prev: (n: Name) => Vec, perSec: number, reference: boolean): boolean {
  const [a, b, c, d] = feature.j;
  switch (feature.kind) {
    case "fast":
      return norm(sub(x(a), prev(a))) * perSec > feature.th;
    case "move": {
      // parity: fairmotion's `move` measures j3 relative to j1 and ignores j4; corrected: j4 relative to j3.
      const [p, q] = reference ? [c!, a] : [d!, c!];
      const vel = sub(sub(x(p), x(q)), sub(prev(p), prev(q)));
      const dir = sub(x(b!), x(a));
      return (dot(vel, dir) / norm(dir)) * perSec > feature.th;
    }
    case "nmove": {
      const vel = sub(sub(x(d!), x(a)), sub(prev(d!), prev(a)));
      const dir = cross(sub(x(c!), x(a)), sub(x(b!), x(a)));
      return (dot(vel, dir) / norm(dir)) * perSec > feature.th;
    }
    case "plane": {
      const n = cross(sub(x(c!), x(a)), sub(x(b!), x(a)));
      return dot(n, sub(x(d!), x(a))) / norm(n) > feature.th;
    }
    case "nplane": {
      const n = sub(x(b!), x(a));
      return dot(n, sub(x(d!), x(c!))) / norm(n) > feature.th;
    }
    case "angle": {
      const u = sub(x(b!), x(a)), v = sub(x(d!), x(c!));
      const deg = (Math.acos(dot(u, v) / (norm(u) * norm(v))) * 180) / Math.PI;
      return deg > feature.range[0] && deg < feature.range[1];
    }
  }
}
