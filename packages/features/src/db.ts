/**
 * Decibel conversions ported from librosa 0.11 `power_to_db` and `amplitude_to_db`: 10·log10(max(amin, S)) minus
 * the reference in dB, then clipped to `max − top_db`. `ref: "max"` is librosa's `ref=np.max` (over the whole array).
 * Values follow numpy's float32 arithmetic (log in float32 precision, reference subtracted in float32).
 * It does not do the inverse (db_to_power).
 */
import type { Spectrogram } from "./stft.js";

export interface DbOptions {
  /** A positive reference value, or "max" for the array's maximum. Default 1. */
  readonly ref?: number | "max";
  /** Default 1e-10 for power, 1e-5 for amplitude. */
  readonly amin?: number;
  /** Default 80; null disables the clip. */
  readonly topDb?: number | null;
}

function toDb(values: Float32Array, factor: number, amin: number, options: DbOptions): Float32Array {
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  let refValue: number;
  if (options.ref === "max") {
    refValue = -Infinity;
    for (let i = 0; i < values.length; i++) refValue = Math.max(refValue, values[i]!);
  } else {
    refValue = Math.abs(options.ref ?? 1);
  }
  // parity: the reference term is a float64 scalar that numpy subtracts from the float32 array in float32.
  const refDb = Math.fround(factor * Math.log10(Math.max(amin, refValue)));
  const out = new Float32Array(values.length);
  let top = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const db = Math.fround(Math.fround(factor * Math.fround(Math.log10(Math.max(amin, values[i]!)))) - refDb);
    out[i] = db;
    if (db > top) top = db;
  }
  if (topDb !== null) {
    const floor = Math.fround(top - topDb);
    for (let i = 0; i < out.length; i++) if (out[i]! < floor) out[i] = floor;
  }
  return out;
}

/** librosa `power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)`. Shape is kept. */
export function powerToDb(spec: Spectrogram, options: DbOptions = {}): Spectrogram {
  return { ...spec, data: toDb(spec.data, 10, options.amin ?? 1e-10, options) };
}

/** librosa `amplitude_to_db(S, ref=1.0, amin=1e-5, top_db=80.0)` on magnitudes. Shape is kept. */
export function amplitudeToDb(spec: Spectrogram, options: DbOptions = {}): Spectrogram {
  // parity: librosa squares in float32 and calls power_to_db with ref² and amin².
  const power = new Float32Array(spec.data.length);
  let max = -Infinity;
  for (let i = 0; i < power.length; i++) {
    const a = Math.abs(spec.data[i]!);
    power[i] = Math.fround(a * a);
    if (a > max) max = a;
  }
  const ref = options.ref === "max" ? max : Math.abs(options.ref ?? 1);
  const amin = options.amin ?? 1e-5;
  return {
    ...spec,
    data: toDb(power, 10, amin * amin, {
      ref: ref * ref,
      topDb: options.topDb === undefined ? 80 : options.topDb,
    }),
  };
}
