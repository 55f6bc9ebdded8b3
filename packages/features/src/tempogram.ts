/**
 * Autocorrelation tempogram and global tempo, ported from librosa 0.11 (`feature.tempogram`, `autocorrelate`,
 * `tempo_frequencies`, `feature.tempo`). All in float64 like librosa: windows of the onset envelope (hop 1,
 * `center` pads win/2 with numpy's linear ramp to 0), periodic Hann, FFT autocorrelation (the first `win` lags),
 * max-normalised per frame. Tempo: time-averaged tempogram, log-normal prior around `startBpm`, argmax.
 * Fourier tempograms, custom priors and time-varying tempo are not ported.
 */
import { InvalidParameter } from "./errors.js";
import { getFft, nextPowerOfTwo } from "./internal/fft.js";
import { hannWindow } from "./window.js";

/** A float64 [lag][frame] matrix, row-major (librosa's tempogram layout). */
export interface Tempogram {
  readonly data: Float64Array;
  readonly nBins: number;
  readonly nFrames: number;
}

export interface TempogramOptions {
  /** Window in onset frames; default 384. */
  readonly winLengthFrames?: number;
  readonly center?: boolean;
}

const TINY_F64 = 2.2250738585072014e-308;

function padLinearRamp(env: Float32Array, pad: number): Float32Array {
  const n = env.length;
  const out = new Float32Array(n + 2 * pad);
  out.set(env, pad);
  // parity: np.pad(mode="linear_ramp", end_values=0) builds linspace(0, edge, pad, endpoint=False) in float32.
  const first = env[0] ?? 0,
    last = env[n - 1] ?? 0;
  for (let k = 0; k < pad; k++) {
    out[k] = k * (first / pad);
    out[n + 2 * pad - 1 - k] = k * (last / pad);
  }
  return out;
}

/** Stores the first `win` lags of one frame's autocorrelation, divided by their max |value| (norm=inf). */
function writeNormalized(
  data: Float64Array,
  ac: Float64Array,
  t: number,
  win: number,
  nFrames: number,
): void {
  let max = 0;
  for (let lag = 0; lag < win; lag++) max = Math.max(max, Math.abs(ac[lag]!));
  // parity: util.normalize leaves frames whose norm is below tiny(float64) unscaled (fill=None).
  const scale = max < TINY_F64 ? 1 : max;
  for (let lag = 0; lag < win; lag++) data[lag * nFrames + t] = ac[lag]! / scale;
}

/** librosa `feature.tempogram(onset_envelope=env, win_length=384)`: [lag][frame] float64. */
export function tempogram(envelope: Float32Array, options: TempogramOptions = {}): Tempogram {
  const win = options.winLengthFrames ?? 384;
  const center = options.center ?? true;
  if (!Number.isInteger(win) || win < 1)
    throw new InvalidParameter("winLengthFrames", `must be a positive integer, got ${win}`);
  const n = envelope.length;
  const signal = center ? padLinearRamp(envelope, Math.floor(win / 2)) : envelope;
  const nFrames = center ? n : Math.max(0, signal.length - win + 1);
  const window = hannWindow(win);
  const size = nextPowerOfTwo(2 * win - 1);
  const fft = getFft(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const data = new Float64Array(win * nFrames);
  // Two real frames share one complex FFT (t in the real part, t + 1 in the imaginary part): their power spectra
  // separate by symmetry, and the inverse of P_t + i·P_{t+1} holds both autocorrelations.
  for (let t = 0; t < nFrames; t += 2) {
    const pairFrame = t + 1 < nFrames;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < win; i++) {
      re[i] = (signal[t + i] ?? 0) * window[i]!;
      if (pairFrame) im[i] = (signal[t + 1 + i] ?? 0) * window[i]!;
    }
    fft.forward(re, im);
    for (let k = 0; k <= size / 2; k++) {
      const j = (size - k) % size;
      const ar = re[k]!,
        ai = im[k]!,
        br = re[j]!,
        bi = im[j]!;
      // X = (Z[k] + conj Z[−k]) / 2, Y = (Z[k] − conj Z[−k]) / 2i
      const xr = (ar + br) / 2,
        xi = (ai - bi) / 2,
        yr = (ai + bi) / 2,
        yi = (br - ar) / 2;
      const p = xr * xr + xi * xi,
        q = yr * yr + yi * yi;
      re[k] = p;
      im[k] = q;
      re[j] = p;
      im[j] = q;
    }
    fft.inverse(re, im);
    writeNormalized(data, re, t, win, nFrames);
    if (pairFrame) writeNormalized(data, im, t + 1, win, nFrames);
  }
  return { data, nBins: win, nFrames };
}

/** librosa `tempo_frequencies(n_bins, hop_length, sr)`: BPM of each lag; lag 0 is +Infinity. */
export function tempoFrequencies(nBins: number, sampleRateHz: number, hopLengthSamples = 512): Float64Array {
  const out = new Float64Array(nBins);
  out[0] = Infinity;
  for (let lag = 1; lag < nBins; lag++) out[lag] = (60 * sampleRateHz) / (hopLengthSamples * lag);
  return out;
}

export interface TempoOptions {
  readonly sampleRateHz: number;
  readonly hopLengthSamples?: number;
  readonly startBpm?: number;
  readonly stdBpm?: number;
  /** Autocorrelation window in seconds; default 8. */
  readonly acSizeSec?: number;
  /** Tempi at or above this are excluded; default 320; null keeps all. */
  readonly maxTempoBpm?: number | null;
}

/** The tempo estimate plus what produced it (for tests and diagnostics). */
export interface TempoEstimate {
  readonly bpm: number;
  readonly lag: number;
  readonly winLengthFrames: number;
  readonly meanTempogram: Float64Array;
}

/** librosa `feature.tempo(onset_envelope=env, sr, hop_length, start_bpm=120, std_bpm=1, ac_size=8, max_tempo=320)`. */
export function estimateTempo(envelope: Float32Array, options: TempoOptions): TempoEstimate {
  const hop = options.hopLengthSamples ?? 512;
  const startBpm = options.startBpm ?? 120;
  const stdBpm = options.stdBpm ?? 1;
  const maxTempo = options.maxTempoBpm === undefined ? 320 : options.maxTempoBpm;
  if (startBpm <= 0) throw new InvalidParameter("startBpm", `must be strictly positive, got ${startBpm}`);
  // parity: time_to_frames truncates seconds·sr to whole samples, then floors by hop.
  const win = Math.floor(Math.trunc((options.acSizeSec ?? 8) * options.sampleRateHz) / hop);
  const tg = tempogram(envelope, { winLengthFrames: win });
  const mean = new Float64Array(win);
  for (let lag = 0; lag < win; lag++) {
    let s = 0;
    for (let t = 0; t < tg.nFrames; t++) s += tg.data[lag * tg.nFrames + t]!;
    mean[lag] = s / tg.nFrames;
  }
  const bpms = tempoFrequencies(win, options.sampleRateHz, hop);
  let maxIdx = 0;
  if (maxTempo !== null) {
    maxIdx = bpms.findIndex((b) => b < maxTempo);
    if (maxIdx < 0) maxIdx = 0;
  }
  let best = 0,
    bestScore = -Infinity;
  for (let lag = 0; lag < win; lag++) {
    const z = (Math.log2(bpms[lag]!) - Math.log2(startBpm)) / stdBpm;
    const prior = lag < maxIdx ? -Infinity : -0.5 * z * z;
    const score = Math.log1p(1e6 * mean[lag]!) + prior;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return { bpm: bpms[best]!, lag: best, winLengthFrames: win, meanTempogram: mean };
}
