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
const J = {
  root: 0,
  lhip: 1,
  rhip: 2,
  belly: 3,
  lknee: 4,
  rknee: 5,
  lankle: 7,
  rankle: 8,
  chest: 9,
  ltoes: 10,
  rtoes: 11,
  neck: 12,
  lshoulder: 16,
  rshoulder: 17,
  lelbow: 18,
  relbow: 19,
  lwrist: 20,
  rwrist: 21,
} as const;
type Name = keyof typeof J | "zero" | "yUnit" | "minusYUnit" | "yMin";
// parity: hard-coded SMPL rest-pose lengths of ManualFeatures.__init__.
const HL = 0.2568381092115207,
  SW = 0.39084835854945527,
  HW = 0.11924706586886204;

type Feature =
  | { kind: "move" | "nmove" | "plane" | "nplane"; j: [Name, Name, Name, Name]; th: number }
  | { kind: "angle"; j: [Name, Name, Name, Name]; range: [number, number] }
  | { kind: "fast"; j: [Name]; th: number };

const mv = (
  kind: "move" | "nmove" | "plane" | "nplane",
  a: Name,
  b: Name,
  c: Name,
  d: Name,
  th: number,
): Feature => ({ kind, j: [a, b, c, d], th });
const ang = (a: Name, b: Name, c: Name, d: Name, lo: number, hi: number): Feature => ({
  kind: "angle",
  j: [a, b, c, d],
  range: [lo, hi],
});
const fast = (a: Name, th: number): Feature => ({ kind: "fast", j: [a], th });

/** The 32 features in output order (metrics.md §3.2). */
const FEATURES: readonly Feature[] = [
  mv("nmove", "neck", "rhip", "lhip", "rwrist", 1.8 * HL),
  mv("nmove", "neck", "lhip", "rhip", "lwrist", 1.8 * HL),
  mv("nplane", "chest", "neck", "neck", "rwrist", 0.2 * HL),
  mv("nplane", "chest", "neck", "neck", "lwrist", 0.2 * HL),
  mv("move", "belly", "chest", "chest", "rwrist", 1.8 * HL),
  mv("move", "belly", "chest", "chest", "lwrist", 1.8 * HL),
  ang("relbow", "rshoulder", "relbow", "rwrist", 0, 110),
  ang("lelbow", "lshoulder", "lelbow", "lwrist", 0, 110),
  mv("nplane", "lshoulder", "rshoulder", "lwrist", "rwrist", 2.5 * SW),
  mv("move", "lwrist", "rwrist", "rwrist", "lwrist", 1.4 * HL),
  mv("move", "rwrist", "root", "lwrist", "root", 1.4 * HL),
  mv("move", "lwrist", "root", "rwrist", "root", 1.4 * HL),
  fast("rwrist", 2.5 * HL),
  fast("lwrist", 2.5 * HL),
  mv("plane", "root", "lhip", "ltoes", "rankle", 0.38 * HL),
  mv("plane", "root", "rhip", "rtoes", "lankle", 0.38 * HL),
  mv("nplane", "zero", "yUnit", "yMin", "rankle", 1.2 * HL),
  mv("nplane", "zero", "yUnit", "yMin", "lankle", 1.2 * HL),
  mv("nplane", "lhip", "rhip", "lankle", "rankle", 2.1 * HW),
  ang("rknee", "rhip", "rknee", "rankle", 0, 110),
  ang("lknee", "lhip", "lknee", "lankle", 0, 110),
  fast("rankle", 2.5 * HL),
  fast("lankle", 2.5 * HL),
  ang("neck", "root", "rshoulder", "relbow", 25, 180),
  ang("neck", "root", "lshoulder", "lelbow", 25, 180),
  ang("neck", "root", "rhip", "rknee", 50, 180),
  ang("neck", "root", "lhip", "lknee", 50, 180),
  mv("plane", "rankle", "neck", "lankle", "root", 0.5 * HL),
  ang("neck", "root", "zero", "yUnit", 70, 110),
  mv("nplane", "zero", "minusYUnit", "yMin", "rwrist", -1.2 * HL),
  mv("nplane", "zero", "minusYUnit", "yMin", "lwrist", -1.2 * HL),
  fast("root", 2.3 * HL),
];

// Pseudo-joints live after the 24 joints in each frame buffer.
const SLOT: Record<Name, number> = { ...J, zero: 24, yUnit: 25, minusYUnit: 26, yMin: 27 };
const COMPILED = FEATURES.map((f) => ({ ...f, s: f.j.map((n) => SLOT[n] * 3) }));

/** The 32 geometric features (fractions of the T−1 frames where each holds), float32; NaN when T < 2 or NaN input. */
export function geometricFeatures(seq: JointSequence, options: GeometricOptions = {}): Float32Array {
  const out = new Float32Array(FEATURES.length);
  const warn = options.warn ?? ignoreWarnings;
  if (seq.frames < 2 || hasNonFinite(seq.data)) {
    const code = seq.frames < 2 ? "too-short" : "non-finite-input";
    warn({
      metric: "geometric",
      code,
      message: code === "too-short" ? `T = ${seq.frames} < 2 frames` : "motion has NaN or infinite positions",
    });
    return out.fill(NaN);
  }
  const reference = (options.mode ?? "reference") === "reference";
  // parity: fairmotion's time_per_frame = 1/120 whatever the frame rate.
  const perSec = reference ? 120 : (options.fps ?? 60);
  const counts = new Float64Array(FEATURES.length);
  let prev = frameBuffer(seq, 0);
  for (let f = 1; f < seq.frames; f++) {
    const x = frameBuffer(seq, f);
    for (let i = 0; i < COMPILED.length; i++)
      if (evaluate(COMPILED[i]!, x, prev, perSec, reference)) counts[i]!++;
    prev = x;
  }
  for (let i = 0; i < FEATURES.length; i++) out[i] = counts[i]! / (seq.frames - 1);
  return out;
}

/** Frame f's 24 joints plus the pseudo-joints zero, y_unit, minus_y_unit, y_min (current frame), float64. */
function frameBuffer(seq: JointSequence, f: number): Float64Array {
  const b = new Float64Array(28 * 3);
  const base = f * seq.joints * 3;
  let yMin = Infinity;
  for (let j = 0; j < 24; j++) {
    for (let c = 0; c < 3; c++) b[j * 3 + c] = seq.data[base + j * 3 + c]!;
    yMin = Math.min(yMin, b[j * 3 + 1]!);
  }
  b[25 * 3 + 1] = 1;
  b[26 * 3 + 1] = -1;
  b[27 * 3 + 1] = yMin;
  return b;
}

type Compiled = (typeof COMPILED)[number];
const d3 = (x: Float64Array, a: number, b: number, c: number): number => x[a + c]! - x[b + c]!;

function evaluate(
  feature: Compiled,
  x: Float64Array,
  prev: Float64Array,
  perSec: number,
  reference: boolean,
): boolean {
  const [a = 0, b = 0, c = 0, d = 0] = feature.s;
  switch (feature.kind) {
    case "fast": {
      const u0 = x[a]! - prev[a]!,
        u1 = x[a + 1]! - prev[a + 1]!,
        u2 = x[a + 2]! - prev[a + 2]!;
      return Math.sqrt(u0 * u0 + u1 * u1 + u2 * u2) * perSec > feature.th;
    }
    case "move":
    case "nmove": {
      // parity: fairmotion's `move` measures j3 relative to j1 and ignores j4; corrected: j4 relative to j3.
      const p = feature.kind === "nmove" ? d : reference ? c : d;
      const q = feature.kind === "nmove" ? a : reference ? a : c;
      const v0 = d3(x, p, q, 0) - d3(prev, p, q, 0),
        v1 = d3(x, p, q, 1) - d3(prev, p, q, 1),
        v2 = d3(x, p, q, 2) - d3(prev, p, q, 2);
      const dir: Vec =
        feature.kind === "move"
          ? [d3(x, b, a, 0), d3(x, b, a, 1), d3(x, b, a, 2)]
          : cross(
              [d3(x, c, a, 0), d3(x, c, a, 1), d3(x, c, a, 2)],
              [d3(x, b, a, 0), d3(x, b, a, 1), d3(x, b, a, 2)],
            );
      return ((v0 * dir[0] + v1 * dir[1] + v2 * dir[2]) / Math.sqrt(dot(dir, dir))) * perSec > feature.th;
    }
    case "plane": {
      const n = cross(
        [d3(x, c, a, 0), d3(x, c, a, 1), d3(x, c, a, 2)],
        [d3(x, b, a, 0), d3(x, b, a, 1), d3(x, b, a, 2)],
      );
      return dot(n, [d3(x, d, a, 0), d3(x, d, a, 1), d3(x, d, a, 2)]) / Math.sqrt(dot(n, n)) > feature.th;
    }
    case "nplane": {
      const n: Vec = [d3(x, b, a, 0), d3(x, b, a, 1), d3(x, b, a, 2)];
      return dot(n, [d3(x, d, c, 0), d3(x, d, c, 1), d3(x, d, c, 2)]) / Math.sqrt(dot(n, n)) > feature.th;
    }
    case "angle": {
      const u: Vec = [d3(x, b, a, 0), d3(x, b, a, 1), d3(x, b, a, 2)];
      const v: Vec = [d3(x, d, c, 0), d3(x, d, c, 1), d3(x, d, c, 2)];
      const deg = (Math.acos(dot(u, v) / (Math.sqrt(dot(u, u)) * Math.sqrt(dot(v, v)))) * 180) / Math.PI;
      return deg > feature.range[0] && deg < feature.range[1];
    }
  }
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
