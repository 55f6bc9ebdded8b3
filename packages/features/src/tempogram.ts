/**
 * Autocorrelation tempogram and global tempo, ported from librosa 0.11 (`feature.tempogram`, `autocorrelate`,
 * `tempo_frequencies`, `feature.tempo`): windows of the onset envelope (hop 1, `center` pads win/2 with numpy's
 * linear ramp to 0), periodic Hann, FFT autocorrelation (the first `win` lags), max-normalised per frame; float64
 * output like librosa. The autocorrelation FFTs run in float32 (PFFFT): the float32 envelope already differs
 * from librosa's by ~3e-7 of its max, and the transform adds ~1e-7 of each frame's energy. Tempo: the tempogram
 * averaged over time (without storing it), log-normal prior around `startBpm`, argmax.
 * Fourier tempograms, custom priors and time-varying tempo are not ported.
 */
import { InvalidParameter } from "./errors.js";
import { nextPowerOfTwo } from "./internal/fft.js";
import { getRealFft32 } from "./internal/realFft32.js";
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

/**
 * Visits each frame's windowed autocorrelation (lags 0..win−1 in `ac`) with its norm=∞ scale (librosa's
 * `util.normalize` divides by it; frames whose max is below tiny(float64) keep scale 1, fill=None).
 */
function forEachAutocorrelation(
  envelope: Float32Array,
  win: number,
  center: boolean,
  visit: (frame: number, ac: Float64Array, scale: number) => void,
): number {
  const n = envelope.length;
  const signal = center ? padLinearRamp(envelope, Math.floor(win / 2)) : envelope;
  const nFrames = center ? n : Math.max(0, signal.length - win + 1);
  const window = hannWindow(win);
  const fft = getRealFft32(nextPowerOfTwo(2 * win - 1));
  const ac = new Float64Array(win);
  // The zero padding to the FFT size is written once: autocorrelate leaves the frame buffer as it was.
  fft.input().fill(0);
  for (let t = 0; t < nFrames; t++) {
    windowFrame(fft.input(), signal, t, window);
    fft.autocorrelate(ac);
    visit(t, ac, normScale(ac));
  }
  return nFrames;
}

/** frame[0 … win) = signal[t …] · window (zero past the signal's end). */
function windowFrame(frame: Float32Array, signal: Float32Array, t: number, window: Float64Array): void {
  for (let i = 0; i < window.length; i++) frame[i] = (signal[t + i] ?? 0) * window[i]!;
}

/** librosa `util.normalize(norm=inf)`'s divisor: max |lag value|, or 1 below tiny(float64) (fill=None). */
function normScale(ac: Float64Array): number {
  let max = 0;
  for (let lag = 0; lag < ac.length; lag++) max = Math.max(max, Math.abs(ac[lag]!));
  return max < TINY_F64 ? 1 : max;
}

/** Frames per block when scattering autocorrelations into [lag][frame] rows. */
const BLOCK_FRAMES = 32;

/** librosa `feature.tempogram(onset_envelope=env, win_length=384)`: [lag][frame] float64. */
export function tempogram(envelope: Float32Array, options: TempogramOptions = {}): Tempogram {
  const win = options.winLengthFrames ?? 384;
  const center = options.center ?? true;
  if (!Number.isInteger(win) || win < 1) {
    throw new InvalidParameter("winLengthFrames", `must be a positive integer, got ${win}`);
  }
  const nFrames = center ? envelope.length : Math.max(0, envelope.length + 1 - win);
  const data = new Float64Array(win * nFrames);
  // Normalised lags are collected frame-major per block, then written along the [lag][frame] rows.
  const block = new Float64Array(BLOCK_FRAMES * win);
  const flush = (t0: number, count: number): void => {
    for (let lag = 0; lag < win; lag++) {
      const row = lag * nFrames + t0;
      for (let b = 0; b < count; b++) data[row + b] = block[b * win + lag]!;
    }
  };
  forEachAutocorrelation(envelope, win, center, (t, ac, scale) => {
    const b = t % BLOCK_FRAMES;
    for (let lag = 0; lag < win; lag++) block[b * win + lag] = ac[lag]! / scale;
    if (b === BLOCK_FRAMES - 1 || t === nFrames - 1) flush(t - b, b + 1);
  });
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
  // The tempogram's time average, summed frame by frame in time order without storing the tempogram.
  const mean = new Float64Array(win);
  const nFrames = forEachAutocorrelation(envelope, win, true, (_t, ac, scale) => {
    for (let lag = 0; lag < win; lag++) mean[lag] = mean[lag]! + ac[lag]! / scale;
  });
  for (let lag = 0; lag < win; lag++) mean[lag] = mean[lag]! / nFrames;
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
