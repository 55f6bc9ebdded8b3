/**
 * Windowed-sinc FIR design for the resamplers: the modified Bessel function I0, the symmetric Kaiser window and a
 * low-pass `firwin` with the semantics of scipy 1.10 `scipy.signal.firwin(numtaps, cutoff, window=("kaiser", β))`
 * (single cutoff relative to Nyquist, pass_zero, scaled to unit DC gain).
 * Float64 throughout. It does not design band-pass, high-pass or least-squares filters.
 */

/** Modified Bessel function of the first kind, order 0, by its power series (exact to double rounding for x ≤ 50). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** scipy `windows.kaiser(M, beta, sym=True)`. */
export function kaiserWindow(length: number, beta: number): Float64Array {
  const out = new Float64Array(length);
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  const alpha = (length - 1) / 2;
  const denom = besselI0(beta);
  for (let n = 0; n < length; n++) {
    const r = (n - alpha) / alpha;
    out[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denom;
  }
  return out;
}

/** numpy `sinc`: sin(πx)/(πx), 1 at 0. */
function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** scipy `firwin(numtaps, cutoff, window=("kaiser", beta))`: a linear-phase low-pass, cutoff in (0, 1] of Nyquist. */
export function firwinKaiser(numTaps: number, cutoff: number, beta: number): Float64Array {
  const alpha = 0.5 * (numTaps - 1);
  const win = kaiserWindow(numTaps, beta);
  const h = new Float64Array(numTaps);
  let sum = 0;
  for (let i = 0; i < numTaps; i++) {
    h[i] = cutoff * sinc(cutoff * (i - alpha)) * win[i]!;
    sum += h[i]!;
  }
  // parity: scipy scales the first passband (left edge 0) to unit gain at DC, i.e. divides by Σh.
  for (let i = 0; i < numTaps; i++) h[i] = h[i]! / sum;
  return h;
}
