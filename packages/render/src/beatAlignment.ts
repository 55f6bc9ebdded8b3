/**
 * What the report's beat-alignment plots show: a motion's speed curve and its kinematic beats (@choreo/motion's
 * `kinematicBeats`, Bailando's variant, the motion beats of the BAS metric), a music onset curve taken from an
 * item's music features, and music beats (a 0/1 beat column when the features have one, as EDGE's 35-d features
 * do; else onset peaks). The score is BAS-shaped (mean over music beats of exp(−d²/2σ²), d to the nearest motion
 * beat) but computed on dataset windows for a quick look: the reference metric lives in @choreo/eval.
 */
import { kinematicBeats } from "@choreo/motion";
import type { PreviewMotion } from "./schema.js";

/** Mean joint speed per frame (units a second: metres for 3D, pixels for 2D); frame 0 repeats frame 1. */
export function motionSpeed(motion: PreviewMotion): Float32Array {
  const joints = motion.skeleton.joints.length;
  const stride = motion.kind === "joints3d" ? 3 : motion.channels;
  const dims = motion.kind === "joints3d" ? 3 : 2;
  const data = motion.kind === "joints3d" ? motion.positionsM : motion.keypoints;
  const speed = new Float32Array(motion.frames);
  for (let t = 1; t < motion.frames; t++) {
    let sum = 0;
    let n = 0;
    for (let j = 0; j < joints; j++) {
      let d2 = 0;
      for (let c = 0; c < dims; c++)
        d2 += (data[(t * joints + j) * stride + c]! - data[((t - 1) * joints + j) * stride + c]!) ** 2;
      if (Number.isFinite(d2)) {
        sum += Math.sqrt(d2);
        n++;
      }
    }
    speed[t] = n > 0 ? (sum / n) * motion.fps : 0;
  }
  if (motion.frames > 1) speed[0] = speed[1]!;
  return speed;
}

/** Kinematic beats of a motion (Bailando's, its 5-frame smoothing at 60 fps rescaled to the motion's fps). */
export function previewMotionBeats(motion: PreviewMotion): number[] {
  const joints = motion.skeleton.joints.length;
  const layout =
    motion.kind === "joints3d"
      ? { frames: motion.frames, joints, dims: 3 }
      : { frames: motion.frames, joints, dims: 2, stride: motion.channels };
  const data = motion.kind === "joints3d" ? motion.positionsM : motion.keypoints;
  const positions = data instanceof Float32Array ? data : Float32Array.from(data);
  return kinematicBeats(positions, layout, { smoothingSigmaFrames: (5 * motion.fps) / 60 }).beats;
}

/** Frames where `curve` peaks above mean + 0.5 std, at least `minGap` apart. */
export function peaks(curve: Float32Array, minGap = 5): number[] {
  const n = Math.max(1, curve.length);
  const mean = curve.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(curve.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const out: number[] = [];
  for (let t = 1; t + 1 < curve.length; t++) {
    // the first frame of a plateau is the peak (onset pulses last a few frames)
    if (
      curve[t]! > curve[t - 1]! &&
      curve[t]! >= curve[t + 1]! &&
      curve[t]! > mean + 0.5 * std &&
      (out.length === 0 || t - out.at(-1)! >= minGap)
    )
      out.push(t);
  }
  return out;
}

/** Music curve and beats from a T×F feature block (see the module comment); undefined when F is 0. */
export function musicBeats(
  features: Float32Array,
  dims: number,
  columns: readonly string[] = [],
): { onset: Float32Array; beats: number[] } | undefined {
  const frames = dims > 0 ? features.length / dims : 0;
  if (frames === 0) return undefined;
  const column = (c: number): Float32Array =>
    Float32Array.from({ length: frames }, (_, t) => features[t * dims + c]!);
  // Named columns (the manifest's columns.music): the beat one-hot and the onset envelope by name.
  const beat = columns.indexOf("beat");
  const onsetEnv = columns.indexOf("onset_env");
  if (beat >= 0 && onsetEnv >= 0) {
    const col = column(beat);
    return { onset: column(onsetEnv), beats: [...col.keys()].filter((t) => col[t] === 1) };
  }
  // Datasets without named columns: guess from the values.
  // a 0/1 column with some ones is a beat one-hot (EDGE/FACT 35-d: the last column)
  for (let c = dims - 1; c >= 0 && dims > 2; c--) {
    const col = column(c);
    if (col.every((v) => v === 0 || v === 1) && col.some((v) => v === 1)) {
      const onset = column(0);
      return { onset, beats: [...col.keys()].filter((t) => col[t] === 1) };
    }
  }
  // two columns (the demo's energy + onset strength): the second; otherwise the rectified rise of the first
  const first = column(0);
  const onset = dims === 2 ? column(1) : first.map((v, t) => (t === 0 ? 0 : Math.max(0, v - first[t - 1]!)));
  return { onset, beats: peaks(onset) };
}

/** BAS-shaped score of motion beats against music beats (frames), σ in frames. */
export function beatAlignmentScore(
  musicBeatFrames: readonly number[],
  motionBeatFrames: readonly number[],
  sigmaFrames = 3,
): number | undefined {
  if (musicBeatFrames.length === 0 || motionBeatFrames.length === 0) return undefined;
  const sum = musicBeatFrames.reduce((acc, b) => {
    const d = Math.min(...motionBeatFrames.map((m) => Math.abs(m - b)));
    return acc + Math.exp(-(d * d) / (2 * sigmaFrames * sigmaFrames));
  }, 0);
  return sum / musicBeatFrames.length;
}
