/**
 * Inverse STFT and audio-domain HPSS for the Bailando feature set, after librosa 0.11 `core.istft` (periodic Hann
 * synthesis window, overlap-add, division by the window's sum of squares where it exceeds tiny(float32), centre
 * trim, output fixed to `length`) and `effects.hpss` (stft → `decompose.hpss` → istft of both parts).
 * Only the defaults the feature sets need: win_length = n_fft, hop = n_fft/4 unless given, center=True. HPSS inverts
 * its two parts together: both real signals ride in one complex inverse FFT (h + i·p = ifft(H + i·P)).
 * Internal until the STFT owner decides where a public istft belongs.
 */
import { hpssComplex } from "../hpss.js";
import { stft, type ComplexSpectrogram } from "../stft.js";
import { hannWindow } from "../window.js";
import { getFft } from "./fft.js";

const TINY_F32 = 1.1754943508222875e-38;

/** librosa `istft(S, hop_length, length)` for a centred Hann STFT in [bin][frame] layout; float32 out. */
export function istft(
  spec: ComplexSpectrogram,
  options: { length: number; hopLengthSamples?: number },
): Float32Array {
  const nFft = 2 * (spec.nBins - 1);
  const hop = options.hopLengthSamples ?? Math.floor(nFft / 4);
  const { length } = options;
  const half = Math.floor(nFft / 2);
  const nFrames = Math.min(spec.nFrames, Math.ceil((length + 2 * half) / hop));
  const bufferLength = nFft + hop * (nFrames - 1);
  const sum = new Float64Array(bufferLength);
  const windowSq = new Float64Array(bufferLength);
  const window = hannWindow(nFft);
  const fft = getFft(nFft);
  const re = new Float64Array(nFft),
    im = new Float64Array(nFft);
  for (let t = 0; t < nFrames; t++) {
    // Hermitian completion; numpy's irfft ignores the imaginary parts of the DC and Nyquist bins.
    for (let k = 0; k < spec.nBins; k++) {
      re[k] = spec.re[k * spec.nFrames + t]!;
      im[k] = k === 0 || k === spec.nBins - 1 ? 0 : spec.im[k * spec.nFrames + t]!;
      if (k > 0 && k < spec.nBins - 1) {
        re[nFft - k] = re[k]!;
        im[nFft - k] = -im[k]!;
      }
    }
    fft.inverse(re, im);
    const start = t * hop;
    for (let i = 0; i < nFft && start + i < bufferLength; i++) {
      sum[start + i] = sum[start + i]! + window[i]! * re[i]!;
      windowSq[start + i] = windowSq[start + i]! + window[i]! * window[i]!;
    }
  }
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const j = i + half;
    if (j >= bufferLength) break;
    // parity: the window sum of squares is float32 in librosa and compared with tiny(float32).
    const w = Math.fround(windowSq[j]!);
    out[i] = w > TINY_F32 ? sum[j]! / w : sum[j]!;
  }
  return out;
}

/** `istft` of two spectrograms of the same shape at once: one complex inverse FFT per frame for both. */
export function istftPair(
  a: ComplexSpectrogram,
  b: ComplexSpectrogram,
  options: { length: number; hopLengthSamples?: number },
): [Float32Array, Float32Array] {
  const { nBins } = a;
  const nFft = 2 * (nBins - 1);
  const hop = options.hopLengthSamples ?? Math.floor(nFft / 4);
  const { length } = options;
  const half = Math.floor(nFft / 2);
  const nFrames = Math.min(a.nFrames, Math.ceil((length + 2 * half) / hop));
  const bufferLength = nFft + hop * (nFrames - 1);
  const sumA = new Float64Array(bufferLength);
  const sumB = new Float64Array(bufferLength);
  const windowSq = new Float64Array(bufferLength);
  const window = hannWindow(nFft);
  const fft = getFft(nFft);
  const re = new Float64Array(nFft),
    im = new Float64Array(nFft);
  for (let t = 0; t < nFrames; t++) {
    // Z = A + i·B with Hermitian completion of both (numpy's irfft ignores Im at DC and Nyquist):
    // Z[k] = (ar − bi) + i(ai + br), Z[n−k] = conj A[k] + i·conj B[k] = (ar + bi) + i(br − ai).
    for (let k = 0; k < nBins; k++) {
      const at = k * a.nFrames + t;
      const edge = k === 0 || k === nBins - 1;
      const ar = a.re[at]!,
        ai = edge ? 0 : a.im[at]!,
        br = b.re[at]!,
        bi = edge ? 0 : b.im[at]!;
      re[k] = ar - bi;
      im[k] = ai + br;
      if (!edge) {
        re[nFft - k] = ar + bi;
        im[nFft - k] = br - ai;
      }
    }
    fft.inverse(re, im);
    const start = t * hop;
    for (let i = 0; i < nFft && start + i < bufferLength; i++) {
      sumA[start + i] = sumA[start + i]! + window[i]! * re[i]!;
      sumB[start + i] = sumB[start + i]! + window[i]! * im[i]!;
      windowSq[start + i] = windowSq[start + i]! + window[i]! * window[i]!;
    }
  }
  const outA = new Float32Array(length),
    outB = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const j = i + half;
    if (j >= bufferLength) break;
    // parity: the window sum of squares is float32 in librosa and compared with tiny(float32).
    const w = Math.fround(windowSq[j]!);
    outA[i] = w > TINY_F32 ? sumA[j]! / w : sumA[j]!;
    outB[i] = w > TINY_F32 ? sumB[j]! / w : sumB[j]!;
  }
  return [outA, outB];
}

/** librosa `effects.hpss(y)`: harmonic and percussive signals (STFT 2048/512, kernel 31, power 2, margin 1). */
export function separateHarmonicPercussive(y: Float32Array): {
  harmonic: Float32Array;
  percussive: Float32Array;
} {
  const spec = stft(y, { nFft: 2048, hopLengthSamples: 512 });
  const parts = hpssComplex(spec);
  const [harmonic, percussive] = istftPair(parts.harmonic, parts.percussive, { length: y.length });
  return { harmonic, percussive };
}
