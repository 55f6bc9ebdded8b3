/**
 * AV-Align (Yariv et al.), ported from guyyariv/TempoTokens `av_align.py` (@bf0b1e3, the 2025 version): the
 * IoU of audio onsets and video motion peaks with one-to-one matching inside an open ±1/fps window, peaks
 * gated at ≥ 0.1. The reference's motion track is the mean Farneback optical-flow magnitude between frames;
 * Farneback is not ported. `frameDifferenceTrack` is a documented approximation (mean absolute grayscale
 * difference, in intensity units, so the 0.1 gate means something else); pass a real flow track for parity.
 */
import { ignoreWarnings, type WarnFn } from "./warnings.js";

export interface AvAlignOptions {
  /** Frame rate of the video. */
  readonly fps: number;
  /** Minimum peak height (the 2025 gate); default 0.1; 0 gives the 2023 behaviour of no gate. */
  readonly peakThreshold?: number;
  readonly warn?: WarnFn;
}

/** Peak times (s) of a per-transition magnitude track m(i, i+1), after duplicating its first value. */
export function motionPeakTimes(transitions: ArrayLike<number>, fps: number, peakThreshold = 0.1): number[] {
  if (transitions.length === 0) return [];
  // parity: the reference's trajectory starts with the first flow value twice (length = frames).
  const traj = [transitions[0]!, ...Array.from(transitions)];
  const out: number[] = [];
  for (let i = 1; i < traj.length - 1; i++) {
    if (traj[i - 1]! < traj[i]! && traj[i]! > traj[i + 1]! && traj[i]! >= peakThreshold) out.push(i / fps);
  }
  return out;
}

/** IoU of audio onsets and motion peaks (one-to-one, |a − v| < 1/fps); NaN with a warning when both are empty. */
export function avAlign(
  audioOnsetsSec: readonly number[],
  motionPeaksSec: readonly number[],
  options: AvAlignOptions,
): number {
  const used = new Array<boolean>(motionPeaksSec.length).fill(false);
  const w = 1 / options.fps;
  let inter = 0;
  for (const a of audioOnsetsSec) {
    for (let j = 0; j < motionPeaksSec.length; j++) {
      const v = motionPeaksSec[j]!;
      if (!used[j] && v - w < a && a < v + w) {
        inter++;
        used[j] = true;
        break;
      }
    }
  }
  const union = audioOnsetsSec.length + motionPeaksSec.length - inter;
  if (union === 0) {
    (options.warn ?? ignoreWarnings)({
      metric: "av-align",
      code: "no-music-beats",
      message: "no audio onset and no motion peak",
    });
    return NaN;
  }
  return inter / union;
}

/** Approximate motion track: mean |I_i − I_{i−1}| over pixels for each consecutive pair of grayscale frames. */
export function frameDifferenceTrack(frames: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(Math.max(0, frames.length - 1));
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!,
      b = frames[i]!;
    let s = 0;
    for (let p = 0; p < b.length; p++) s += Math.abs(b[p]! - a[p]!);
    out[i - 1] = s / b.length;
  }
  return out;
}
