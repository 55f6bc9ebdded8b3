/**
 * STFT chroma as in librosa 0.11: `filters.chroma` (Gaussian bumps around each pitch class on the log-frequency
 * axis, columns L2-normalised, weighted by a Gaussian over octaves centred on ctroct 5, rolled to start at C) and
 * `feature.chroma_stft` (power spectrogram, tuning from `estimate_tuning(S)` unless given, per-frame max norm that
 * leaves all-zero frames at zero). Output is float32 [chroma][frame].
 * It does not expose piptrack or non-default chroma filter shapes (ctroct, octwidth, norm).
 */
import { forEachPowerFrame, frameCount, type Spectrogram } from "./stft.js";
import { createPeakTracker, tuningOfPeaks } from "./tuning.js";

/** float32 `tiny`: librosa's normalisation threshold for float32 features. */
export const FLOAT32_TINY = 1.1754943508222875e-38;

export interface ChromaStftOptions {
  readonly sampleRateHz: number;
  /** Default 2048. */
  readonly nFft?: number;
  /** Default 512. */
  readonly hopLengthSamples?: number;
  /** Default 12. */
  readonly nChroma?: number;
  /** Fractions of a chroma bin; default estimated (librosa `tuning=None`). */
  readonly tuning?: number;
}

const bankCache = new Map<string, Float32Array>();

/**
 * librosa `filters.chroma(sr, n_fft, n_chroma, tuning)` with ctroct 5, octwidth 2, norm 2, base_c: float32
 * [chroma][1+nFft/2]. Cached per parameter set (estimated tunings fall on a 0.01 grid); do not mutate.
 */
export function chromaFilterBank(options: {
  sampleRateHz: number;
  nFft: number;
  nChroma?: number;
  tuning?: number;
}): Float32Array {
  const key = [options.sampleRateHz, options.nFft, options.nChroma ?? 12, options.tuning ?? 0].join();
  let bank = bankCache.get(key);
  if (bank === undefined) {
    if (bankCache.size >= 64) bankCache.delete(bankCache.keys().next().value!);
    bank = buildChromaFilterBank(options);
    bankCache.set(key, bank);
  }
  return bank;
}

function buildChromaFilterBank(options: {
  sampleRateHz: number;
  nFft: number;
  nChroma?: number;
  tuning?: number;
}): Float32Array {
  const { sampleRateHz, nFft } = options;
  const nChroma = options.nChroma ?? 12;
  const tuning = options.tuning ?? 0;
  const a440 = 440 * 2 ** (tuning / nChroma);
  const frqbins = new Float64Array(nFft);
  for (let k = 1; k < nFft; k++) frqbins[k] = nChroma * Math.log2((k * (sampleRateHz / nFft)) / (a440 / 16));
  // parity: the 0 Hz bin is placed 1.5 octaves below bin 1.
  frqbins[0] = frqbins[1]! - 1.5 * nChroma;
  const nChroma2 = Math.round(nChroma / 2);
  const nCols = Math.floor(1 + nFft / 2);
  const out = new Float32Array(nChroma * nCols);
  const col = new Float64Array(nChroma);
  for (let k = 0; k < nCols; k++) {
    const width = k < nFft - 1 ? Math.max(frqbins[k + 1]! - frqbins[k]!, 1) : 1;
    let sumSq = 0;
    for (let c = 0; c < nChroma; c++) {
      const shifted = frqbins[k]! - c + nChroma2 + 10 * nChroma;
      // parity: np.remainder (fmod, moved to the divisor's sign).
      const mod = shifted % nChroma;
      const d = (mod < 0 ? mod + nChroma : mod) - nChroma2;
      col[c] = Math.exp(-0.5 * ((2 * d) / width) ** 2);
      sumSq += col[c]! ** 2;
    }
    const norm = Math.sqrt(sumSq);
    const octaveWeight = Math.exp(-0.5 * ((frqbins[k]! / nChroma - 5) / 2) ** 2);
    const roll = 3 * Math.floor(nChroma / 12);
    for (let c = 0; c < nChroma; c++) {
      const src = (c + roll) % nChroma;
      out[c * nCols + k] = (col[src]! / norm) * octaveWeight;
    }
  }
  return out;
}

/** `out[c][t] = Σ_f w[c][f]·S[f][t]`, float64 accumulation stored as float32. */
export function applyFilterBank(weights: Float32Array, nOut: number, s: Spectrogram): Float32Array {
  const { data, nBins, nFrames } = s;
  const acc = new Float64Array(nOut * nFrames);
  for (let c = 0; c < nOut; c++) {
    for (let f = 0; f < nBins; f++) {
      const w = weights[c * nBins + f]!;
      if (w === 0) continue;
      const row = f * nFrames,
        outRow = c * nFrames;
      for (let t = 0; t < nFrames; t++) acc[outRow + t] = acc[outRow + t]! + w * data[row + t]!;
    }
  }
  return Float32Array.from(acc);
}

/**
 * librosa `util.normalize(S, norm, axis=-2)` per frame for norm ∞, 1 or 2 with threshold tiny(float32) and
 * fill=None: frames whose norm is below the threshold are left as they are. In place; returns `data`.
 */
export function normalizeFrames(
  data: Float32Array,
  nRows: number,
  nFrames: number,
  norm: 1 | 2 | "inf",
): Float32Array {
  for (let t = 0; t < nFrames; t++) {
    let length = 0;
    for (let r = 0; r < nRows; r++) {
      const v = Math.abs(data[r * nFrames + t]!);
      length = norm === "inf" ? Math.max(length, v) : norm === 1 ? length + v : length + v * v;
    }
    if (norm === 2) length = Math.sqrt(length);
    if (length < FLOAT32_TINY) continue;
    for (let r = 0; r < nRows; r++) data[r * nFrames + t] = data[r * nFrames + t]! / length;
  }
  return data;
}

let scratch = new Float32Array(0);

/** A reused buffer for the frame-major power spectra (fresh multi-megabyte buffers cost page faults per call). */
function scratchFrames(length: number): Float32Array {
  if (scratch.length < length) scratch = new Float32Array(length);
  return scratch.subarray(0, length);
}

const runsCache = new WeakMap<Float32Array, Int32Array[]>();

/**
 * Per filter row, the [start, end) runs of bins whose weight exceeds 1e-12 of the bank's largest: the Gaussian
 * tails below that (down to 1e-38) cannot move a float32 chroma value, and skipping them removes ~40% of the work.
 */
function weightRuns(weights: Float32Array, nOut: number, nBins: number): Int32Array[] {
  let runs = runsCache.get(weights);
  if (runs !== undefined) return runs;
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const floor = 1e-12 * max;
  runs = [];
  for (let c = 0; c < nOut; c++) {
    const row: number[] = [];
    for (let f = 0; f < nBins; f++) {
      if (!(Math.abs(weights[c * nBins + f]!) > floor)) continue;
      if (row.length > 0 && row[row.length - 1] === f) row[row.length - 1] = f + 1;
      else row.push(f, f + 1);
    }
    runs.push(Int32Array.from(row));
  }
  runsCache.set(weights, runs);
  return runs;
}

/**
 * out[c][t] = Σ_f w[c][f]·frames[t][f] for frame-major `frames`: a float64 sum over the bins of each row's
 * significant runs in bin order, four frames at a time so each weight is loaded once for four products.
 */
function projectFrames(
  frames: Float32Array,
  nBins: number,
  nFrames: number,
  weights: Float32Array,
  nOut: number,
  out: Float32Array,
): void {
  const runs = weightRuns(weights, nOut, nBins);
  let t = 0;
  for (; t + 4 <= nFrames; t += 4) {
    for (let c = 0; c < nOut; c++) {
      const row = runs[c]!;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0;
      for (let r = 0; r < row.length; r += 2) {
        const end = row[r + 1]!;
        for (let f = row[r]!, w = c * nBins + f, at = t * nBins + f; f < end; f++, w++, at++) {
          const weight = weights[w]!;
          a0 += weight * frames[at]!;
          a1 += weight * frames[at + nBins]!;
          a2 += weight * frames[at + 2 * nBins]!;
          a3 += weight * frames[at + 3 * nBins]!;
        }
      }
      out[c * nFrames + t] = a0;
      out[c * nFrames + t + 1] = a1;
      out[c * nFrames + t + 2] = a2;
      out[c * nFrames + t + 3] = a3;
    }
  }
  for (; t < nFrames; t++) {
    for (let c = 0; c < nOut; c++) {
      const row = runs[c]!;
      let acc = 0;
      for (let r = 0; r < row.length; r += 2) {
        for (let f = row[r]!; f < row[r + 1]!; f++) acc += weights[c * nBins + f]! * frames[t * nBins + f]!;
      }
      out[c * nFrames + t] = acc;
    }
  }
}

/**
 * librosa `feature.chroma_stft(y, sr, n_fft, hop_length, n_chroma, tuning)`: float32 [chroma][frame],
 * max-normalised. One STFT pass keeps the power frames (frame-major) and feeds piptrack; the filter bank of the
 * estimated tuning is then applied frame by frame.
 */
export function chromaStft(y: Float32Array, options: ChromaStftOptions): Spectrogram & { tuning: number } {
  const nFft = options.nFft ?? 2048;
  const nChroma = options.nChroma ?? 12;
  const hop = options.hopLengthSamples ?? 512;
  const nBins = Math.floor(nFft / 2) + 1;
  const nFrames = frameCount(y.length, nFft, hop);
  const frames = scratchFrames(nFrames * nBins);
  const tracker = options.tuning === undefined ? createPeakTracker(options.sampleRateHz, nFft) : undefined;
  forEachPowerFrame(y, { nFft, hopLengthSamples: hop }, 2, (t, values) => {
    const frame = frames.subarray(t * nBins, (t + 1) * nBins);
    frame.set(values);
    tracker?.frame(frame);
  });
  const tuning = tracker === undefined ? options.tuning! : tuningOfPeaks(tracker, { binsPerOctave: nChroma });
  const bank = chromaFilterBank({ sampleRateHz: options.sampleRateHz, nFft, nChroma, tuning });
  const data = new Float32Array(nChroma * nFrames);
  projectFrames(frames, nBins, nFrames, bank, nChroma, data);
  return { data: normalizeFrames(data, nChroma, nFrames, "inf"), nBins: nChroma, nFrames, tuning };
}
