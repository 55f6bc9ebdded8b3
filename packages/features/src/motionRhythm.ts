/**
 * Rhythm features of motion:
 * - `kinematicBeats`: Bailando's motion beats (`utils/beat_align_score.py::calc_db`, lisiyao21/Bailando
 *   cc90b98): mean joint speed per frame step, Gaussian-smoothed (σ 5, truncate 4, reflect), strict local minima
 *   (`argrelextrema(np.less)`, order 1, clip), computed in float32 like the reference's float32 input;
 * - `directogram` and `rhythmPeaks`: the RhythmEncoder of Dance-to-Music (lsfhuihuiff/Dance-to-music_Siggraph_
 *   Asia_2024 `audiocraft/modules/embedding_manager.py`, db36608): per frame step, each joint's 2D displacement
 *   magnitude into one of 10 bins by floor(angle in degrees mod 180) mod 10, summed over joints; spectral flux
 *   (rectified), normalised by its max; peaks by the forward-looking window rule, last of a run kept.
 * Works on any joint count and dimension (2D uses x, y; a trailing confidence channel is ignored).
 */

/** Mean over joints of each joint's displacement norm between consecutive frames: (T-1). */
function meanSpeed(
  joints: Float32Array,
  frames: number,
  nJoints: number,
  dims: number,
  stride: number,
): Float32Array {
  const out = new Float32Array(Math.max(0, frames - 1));
  for (let t = 0; t + 1 < frames; t++) {
    let sum = 0;
    for (let j = 0; j < nJoints; j++) {
      let sq = 0;
      for (let d = 0; d < dims; d++) {
        const v = Math.fround(
          joints[((t + 1) * nJoints + j) * stride + d]! - joints[(t * nJoints + j) * stride + d]!,
        );
        sq = Math.fround(sq + Math.fround(v * v));
      }
      sum += Math.fround(Math.sqrt(sq));
    }
    out[t] = sum / nJoints;
  }
  return out;
}

/** scipy.ndimage.gaussian_filter1d(x, sigma, truncate=4, mode="reflect") in float64, cast to float32. */
export function gaussianFilter1d(x: ArrayLike<number>, sigma: number): Float32Array {
  const n = x.length;
  const r = Math.trunc(4 * sigma + 0.5);
  const w = new Float64Array(2 * r + 1);
  let total = 0;
  for (let k = -r; k <= r; k++) total += w[k + r] = Math.exp(-0.5 * (k / sigma) ** 2);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let k = -r; k <= r; k++) {
      let j = (((i + k) % (2 * n)) + 2 * n) % (2 * n); // parity: mode="reflect" is d c b a | a b c d | d c b a
      if (j >= n) j = 2 * n - 1 - j;
      acc += (w[k + r]! / total) * x[j]!;
    }
    out[i] = acc;
  }
  return out;
}

/** Strict local minima with clipped neighbours (`argrelextrema(x, np.less, order=1, mode="clip")`). */
export function localMinima(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const prev = x[Math.max(i - 1, 0)]!;
    const next = x[Math.min(i + 1, n - 1)]!;
    if (x[i]! < prev && x[i]! < next) out.push(i);
  }
  return out;
}

export interface JointsLayout {
  readonly frames: number;
  readonly joints: number;
  /** Coordinates used (2 for x, y; 3 for 3D). */
  readonly dims: number;
  /** Values per joint in the array (3 for x, y, score). Default `dims`. */
  readonly stride?: number;
}

/** Bailando motion beats: frame-step indices (0..T-2) of the smoothed speed's local minima, and the curve. */
export function kinematicBeats(
  joints: Float32Array,
  layout: JointsLayout,
  sigma = 5,
): { beats: number[]; speed: Float32Array } {
  const speed = gaussianFilter1d(
    meanSpeed(joints, layout.frames, layout.joints, layout.dims, layout.stride ?? layout.dims),
    sigma,
  );
  return { beats: localMinima(speed), speed };
}

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
