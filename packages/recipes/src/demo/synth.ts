/**
 * The demo's synthetic material, deterministic from a seed: a song (kick on every beat, snare on 2 and 4,
 * hi-hat eighths, a four-chord progression of sine triads), LRC lyrics of made-up words timed on bars, and a
 * beat-synchronous dance as SMPL axis-angle rotations of 24 joints plus root translation. Nothing here is
 * meant to sound or look good; it is meant to have real structure (tempo, beats, lines) the pipeline can find.
 */
import { createRng } from "@choreo/dataset";

const chords = [
  [0, 4, 7],
  [9, 12, 16],
  [5, 9, 12],
  [7, 11, 14],
];

/** A mono song at `sampleRateHz`, peak-normalised to 0.8. */
export function synthesizeSong(options: {
  bpm: number;
  durationSec: number;
  sampleRateHz: number;
  seed: number;
  rootHz: number;
}): Float32Array {
  const { bpm, sampleRateHz: sr } = options;
  const n = Math.round(options.durationSec * sr);
  const y = new Float32Array(n);
  const rng = createRng(options.seed);
  const beatSec = 60 / bpm;
  const add = (start: number, len: number, f: (t: number, i: number) => number): void => {
    const s = Math.round(start * sr);
    for (let i = 0; i < len && s + i < n; i++) y[s + i]! += f(i / sr, i);
  };
  const noise = Float32Array.from({ length: Math.round(0.2 * sr) }, () => rng() * 2 - 1);
  for (let beat = 0; beat * beatSec < options.durationSec; beat++) {
    const t0 = beat * beatSec;
    add(
      t0,
      Math.round(0.25 * sr),
      (t) => Math.sin(2 * Math.PI * (50 + 90 * Math.exp(-t * 30)) * t) * Math.exp(-t * 12),
    ); // kick
    if (beat % 2 === 1) add(t0, noise.length, (t, i) => 0.5 * noise[i]! * Math.exp(-t * 25)); // snare
    for (const half of [0, 0.5])
      add(
        t0 + half * beatSec,
        Math.round(0.05 * sr),
        (t, i) => 0.15 * noise[(i * 7) % noise.length]! * Math.exp(-t * 90),
      );
    const bar = Math.floor(beat / 4);
    if (beat % 4 === 0) {
      const chord = chords[bar % chords.length]!;
      const len = Math.round(4 * beatSec * sr);
      for (const semis of chord) {
        const hz = options.rootHz * 2 ** (semis / 12);
        add(t0, len, (t) => 0.12 * Math.sin(2 * Math.PI * hz * t) * Math.min(1, t * 20) * Math.exp(-t * 0.6));
      }
    }
  }
  let peak = 0;
  for (const v of y) peak = Math.max(peak, Math.abs(v));
  if (peak > 0) for (let i = 0; i < n; i++) y[i] = (y[i]! / peak) * 0.8;
  return y;
}

const syllables = ["la", "mo", "ri", "ta", "ne", "su", "ko", "va", "di", "pe", "lu", "zo"];

/** LRC text: one line per two bars, four made-up words each, from the first downbeat. */
export function synthesizeLrc(options: { bpm: number; durationSec: number; seed: number }): string {
  const rng = createRng(options.seed ^ 0x5eed);
  const lineSec = (8 * 60) / options.bpm;
  const lines: string[] = [];
  for (let t = 0; t + lineSec <= options.durationSec; t += lineSec) {
    const words = Array.from({ length: 4 }, () => {
      const k = 1 + Math.floor(rng() * 3);
      return Array.from({ length: k }, () => syllables[Math.floor(rng() * syllables.length)]).join("");
    });
    const mm = Math.floor(t / 60);
    const ss = (t - mm * 60).toFixed(2).padStart(5, "0");
    lines.push(`[${String(mm).padStart(2, "0")}:${ss}] ${words.join(" ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** SMPL joints the demo moves (indices into the 24 SMPL joints). */
const HIPS = [1, 2];
const KNEES = [4, 5];
const SHOULDERS = [16, 17];
const ELBOWS = [18, 19];
const SPINE = [3, 6, 9];

/**
 * A dance at `fps`: knees bend on every beat, arms swing every two beats, the torso sways per bar and the root
 * bobs down on beats and drifts in a circle. Poses (T,72) axis-angle (root first), translation (T,3), y up.
 */
export function synthesizeMotion(options: { bpm: number; durationSec: number; fps: number; seed: number }): {
  poses: Float32Array;
  trans: Float32Array;
  frames: number;
} {
  const frames = Math.round(options.durationSec * options.fps);
  const rng = createRng(options.seed ^ 0xda7ce);
  const style = {
    arm: 0.6 + 0.6 * rng(),
    knee: 0.3 + 0.4 * rng(),
    sway: 0.1 + 0.2 * rng(),
    phase: rng() * Math.PI * 2,
  };
  const poses = new Float32Array(frames * 72);
  const trans = new Float32Array(frames * 3);
  const beatsPerSec = options.bpm / 60;
  for (let f = 0; f < frames; f++) {
    const t = f / options.fps;
    const beatPhase = (t * beatsPerSec) % 1;
    const bounce = Math.exp(-beatPhase * 6); // sharp on the beat, decays within it
    const swing = Math.sin(Math.PI * t * beatsPerSec + style.phase);
    const sway = Math.sin((Math.PI * t * beatsPerSec) / 2);
    const p = f * 72;
    poses[p + 1] = 0.3 * Math.sin(0.1 * t); // root yaw drifts
    for (const [k, j] of HIPS.entries())
      poses[p + j * 3] = -style.knee * bounce * 0.5 + (k === 0 ? 0.05 : -0.05);
    for (const j of KNEES) poses[p + j * 3] = style.knee * bounce;
    for (const j of SPINE) poses[p + j * 3 + 2] = (style.sway * sway) / SPINE.length;
    for (const [k, j] of SHOULDERS.entries())
      poses[p + j * 3 + 2] = (k === 0 ? -1 : 1) * (0.9 - style.arm * 0.5 * (1 + swing));
    for (const [k, j] of ELBOWS.entries())
      poses[p + j * 3 + 1] = (k === 0 ? -1 : 1) * style.arm * 0.5 * (1 - swing);
    trans[f * 3] = 0.4 * Math.sin(0.2 * t);
    trans[f * 3 + 1] = 0.9 - 0.05 * style.knee * bounce;
    trans[f * 3 + 2] = 0.4 * Math.cos(0.2 * t) - 0.4;
  }
  return { poses, trans, frames };
}
