/**
 * Constant-Q filter design as in librosa 0.11: `interval_frequencies("equal")`, `filters._relative_bandwidth`,
 * `filters.wavelet_lengths` (γ = 0, Hann window), `filters.wavelet` (Hann-windowed complex exponentials, L1 norm,
 * centred in a power-of-two frame) and `constantq.__vqt_filter_fft` (length/n_fft scaling, FFT, positive
 * frequencies, `util.sparsify_rows`). The sparse rows are what `cqt` multiplies each STFT frame by.
 * It does not do variable-Q (γ > 0), just-intonation intervals or windows other than Hann.
 */
import { getFft, nextPowerOfTwo } from "./internal/fft.js";
import { hannWindow } from "./window.js";

/** librosa `note_to_hz("C1")`: MIDI 24. */
export const C1_HZ = 440 * 2 ** ((24 - 69) / 12);

/** librosa `filters.window_bandwidth("hann")` (its precomputed table value). */
const HANN_BANDWIDTH = 1.50018310546875;

/** Centre frequencies fmin·2^(k/bpo), built per octave like librosa (`2**octave × ratio`, then × fmin). */
export function cqtFrequencies(nBins: number, fminHz: number, binsPerOctave: number): Float64Array {
  const out = new Float64Array(nBins);
  for (let k = 0; k < nBins; k++) {
    const octave = Math.floor(k / binsPerOctave);
    out[k] = 2 ** octave * 2 ** ((k % binsPerOctave) / binsPerOctave) * fminHz;
  }
  return out;
}

/** librosa `filters._relative_bandwidth`: α from the local bins-per-octave (one-sided at both ends). */
export function relativeBandwidth(freqs: Float64Array): Float64Array {
  const n = freqs.length;
  const logf = Array.from(freqs, (f) => Math.log2(f));
  const alpha = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const bpo =
      k === 0
        ? 1 / (logf[1]! - logf[0]!)
        : k === n - 1
          ? 1 / (logf[n - 1]! - logf[n - 2]!)
          : 2 / (logf[k + 1]! - logf[k - 1]!);
    const r = 2 ** (2 / bpo);
    alpha[k] = (r - 1) / (r + 1);
  }
  return alpha;
}

/** librosa `filters.wavelet_lengths` with γ = 0: lengths Q·sr/f (Q = filter_scale/α) and the top cutoff in Hz. */
export function waveletLengths(
  freqs: Float64Array,
  sampleRateHz: number,
  alpha: Float64Array,
  filterScale = 1,
): { lengths: Float64Array; cutoffHz: number } {
  const lengths = new Float64Array(freqs.length);
  let cutoffHz = 0;
  for (let k = 0; k < freqs.length; k++) {
    const q = filterScale / alpha[k]!;
    cutoffHz = Math.max(cutoffHz, freqs[k]! * (1 + (0.5 * HANN_BANDWIDTH) / q));
    lengths[k] = (q * sampleRateHz) / freqs[k]!;
  }
  return { lengths, cutoffHz };
}

/** One sparse row of the frequency-domain basis: bins and complex weights. */
export interface SparseRow {
  readonly bins: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** The FFT-domain filters of one octave: `nFft` (power of two) and one sparse row per frequency, low to high. */
export interface CqtBasis {
  readonly nFft: number;
  readonly rows: SparseRow[];
}

/** librosa `util.sparsify_rows(x, quantile)` for one row: keep entries ≥ the magnitude where the sorted L1 share reaches `quantile`. */
function sparsifyRow(re: Float64Array, im: Float64Array, quantile: number): SparseRow {
  const n = re.length;
  const mags = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    mags[i] = Math.hypot(re[i]!, im[i]!);
    norm += mags[i]!;
  }
  const sorted = Float64Array.from(mags).sort();
  let cumulative = 0,
    threshold = sorted[0]!;
  for (let j = 0; j < n; j++) {
    // parity: numpy's cumsum(mag_sort / norms) divides before summing.
    cumulative += sorted[j]! / norm;
    if (!(cumulative < quantile)) {
      threshold = sorted[j]!;
      break;
    }
  }
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (mags[i]! >= threshold) keep.push(i);
  const row = {
    bins: Int32Array.from(keep),
    re: new Float64Array(keep.length),
    im: new Float64Array(keep.length),
  };
  // parity: the sparse basis is stored as complex64.
  keep.forEach((bin, j) => {
    row.re[j] = Math.fround(re[bin]!);
    row.im[j] = Math.fround(im[bin]!);
  });
  return row;
}

interface CqtFilterOptions {
  freqs: Float64Array;
  alpha: Float64Array;
  sampleRateHz: number;
  filterScale?: number;
  norm?: number;
  sparsity?: number;
}

const basisCache = new Map<string, CqtBasis>();

/**
 * librosa `__vqt_filter_fft` (γ = 0, Hann, pad_fft, hop_length=None) for one octave's frequencies at
 * `sampleRateHz`. Cached per parameter set (estimated tunings fall on a 0.01 grid, so songs share bases); the
 * result is shared: do not mutate it.
 */
export function cqtFilterFft(options: CqtFilterOptions): CqtBasis {
  const key = [
    options.sampleRateHz,
    options.filterScale,
    options.norm,
    options.sparsity,
    ...options.freqs,
    ...options.alpha,
  ].join();
  let basis = basisCache.get(key);
  if (basis === undefined) {
    if (basisCache.size >= 256) basisCache.delete(basisCache.keys().next().value!);
    basis = buildCqtFilterFft(options);
    basisCache.set(key, basis);
  }
  return basis;
}

function buildCqtFilterFft(options: CqtFilterOptions): CqtBasis {
  const { freqs, alpha, sampleRateHz } = options;
  const { lengths } = waveletLengths(freqs, sampleRateHz, alpha, options.filterScale ?? 1);
  const nFft = nextPowerOfTwo(Math.ceil(Math.max(...lengths)));
  const fft = getFft(nFft);
  const rows: SparseRow[] = [];
  for (let k = 0; k < freqs.length; k++) {
    const ilen = lengths[k]!;
    // parity: np.arange(-ilen // 2, ilen // 2) on a float length gives ⌈ilen⌉ (or ilen) points.
    const start = Math.floor(-ilen / 2),
      stop = Math.floor(ilen / 2);
    const len = stop - start;
    const win = hannWindow(len);
    const sigRe = new Float64Array(len),
      sigIm = new Float64Array(len);
    let l1 = 0;
    for (let i = 0; i < len; i++) {
      const angle = ((start + i) * 2 * Math.PI * freqs[k]!) / sampleRateHz;
      sigRe[i] = Math.cos(angle) * win[i]!;
      sigIm[i] = Math.sin(angle) * win[i]!;
      l1 += Math.hypot(sigRe[i]!, sigIm[i]!);
    }
    if (options.norm !== undefined && options.norm !== 1)
      throw new RangeError("[features] cqt filters support norm=1 only");
    const re = new Float64Array(nFft),
      im = new Float64Array(nFft);
    const lpad = Math.floor((nFft - len) / 2);
    const scale = ilen / nFft;
    for (let i = 0; i < len; i++) {
      // parity: filters are stacked as complex64, then scaled by length/n_fft in place (complex64 again).
      re[lpad + i] = Math.fround(Math.fround(sigRe[i]! / l1) * scale);
      im[lpad + i] = Math.fround(Math.fround(sigIm[i]! / l1) * scale);
    }
    fft.forward(re, im);
    const half = nFft / 2 + 1;
    rows.push(sparsifyRow(re.subarray(0, half), im.subarray(0, half), options.sparsity ?? 0.01));
  }
  return { nFft, rows };
}
