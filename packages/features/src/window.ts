/**
 * Hann windows as scipy.signal.get_window builds them (scipy 1.10, used by librosa 0.11): periodic (`fftbins=True`,
 * the STFT default) or symmetric (`fftbins=False`, e.g. the chroma_cens smoothing window). Float64, like scipy.
 * It does not offer other window families; add them here when a feature set needs one.
 */

/** A Hann window of `length` points in float64; periodic unless `periodic: false`. */
export function hannWindow(length: number, options: { periodic?: boolean } = {}): Float64Array {
  const periodic = options.periodic ?? true;
  if (length <= 1) return new Float64Array(Math.max(0, length)).fill(1);
  // parity: scipy evaluates 0.5 + 0.5·cos(linspace(−π, π, M)) with M = N + 1 for periodic windows, then truncates;
  // the linspace form rounds differently from 0.5 − 0.5·cos(2πk/N) in the last bit.
  const m = periodic ? length + 1 : length;
  const step = (2 * Math.PI) / (m - 1);
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const fac = k === m - 1 ? Math.PI : k * step - Math.PI;
    out[k] = 0.5 + 0.5 * Math.cos(fac);
  }
  return out;
}
