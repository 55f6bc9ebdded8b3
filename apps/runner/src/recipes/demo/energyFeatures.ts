/**
 * The demo's music features until @choreo/features' recipes are wired in: per frame at `fps`, the log RMS
 * energy (dB re 1) and an onset strength (half-wave rectified frame-to-frame rise of the log energy). Frames
 * are centred windows of two hops, zero-padded at the ends. Exactly what the names say, nothing more.
 */

/** (frames, 2) float32, row-major: [logRmsDb, onsetStrength]. */
export function energyOnsetFeatures(
  y: Float32Array,
  options: { sampleRateHz: number; fps: number; frames: number },
): Float32Array {
  const hop = options.sampleRateHz / options.fps;
  const half = Math.round(hop);
  const out = new Float32Array(options.frames * 2);
  let prev = Number.NaN;
  for (let f = 0; f < options.frames; f++) {
    const centre = Math.round(f * hop);
    let sum = 0;
    for (let i = centre - half; i < centre + half; i++) {
      const v = i >= 0 && i < y.length ? y[i]! : 0;
      sum += v * v;
    }
    const db = 10 * Math.log10(Math.max(sum / (2 * half), 1e-10));
    out[f * 2] = db;
    out[f * 2 + 1] = Number.isNaN(prev) ? 0 : Math.max(0, db - prev);
    prev = db;
  }
  return out;
}
