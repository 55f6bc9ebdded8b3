/**
 * The Gaussian diffusion arithmetic of EDGE (`model/diffusion.py::GaussianDiffusion`, `model/utils.py::
 * make_beta_schedule`; metrics.md §12.3): the cosine schedule (s = 8e-3, computed in float64, β clipped to
 * 0.999), q(x_t | x_0) and one DDIM step with η = 1 for an x0-predicting model. Only scalars per step live
 * here (as JS numbers); the tensors are the caller's.
 */

/** ᾱ_t for t = 0..timesteps-1 (float64). */
export function cosineAlphaBars(timesteps: number, s = 8e-3): Float64Array {
  const f = (t: number): number => Math.cos(((t / timesteps + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  const out = new Float64Array(timesteps);
  let prod = 1;
  for (let t = 0; t < timesteps; t++) {
    const beta = Math.min(Math.max(1 - f(t + 1) / f(t), 0), 0.999);
    prod *= 1 - beta;
    out[t] = prod;
  }
  return out;
}

/** DDIM times as EDGE: `linspace(-1, T-1, steps+1).int()` reversed, as (t, next) pairs; next = -1 at the end. */
export function ddimTimes(timesteps: number, steps: number): Array<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i <= steps; i++) times.push(Math.trunc(-1 + (timesteps * i) / steps));
  times.reverse();
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < times.length; i++) pairs.push([times[i]!, times[i + 1]!]);
  return pairs;
}

/** Coefficients of one DDIM step (η = 1): x_next = a·x̂0 + c·ε̂ + σ·z, with ε̂ = (x_t/√ᾱ_t − x̂0)·e. */
export function ddimStep(
  alphaBars: Float64Array,
  t: number,
  next: number,
): { x0Coef: number; epsCoef: number; sigma: number; epsFromX: number; epsFromX0: number } {
  const at = alphaBars[t]!;
  if (next < 0) return { x0Coef: 1, epsCoef: 0, sigma: 0, epsFromX: 0, epsFromX0: 0 };
  const an = alphaBars[next]!;
  const sigma = Math.sqrt(((1 - at / an) * (1 - an)) / (1 - at));
  const c = Math.sqrt(Math.max(0, 1 - an - sigma * sigma));
  const denom = Math.sqrt(1 / at - 1);
  return {
    x0Coef: Math.sqrt(an),
    epsCoef: c,
    sigma,
    epsFromX: Math.sqrt(1 / at) / denom,
    epsFromX0: 1 / denom,
  };
}
