/**
 * Seeded randomness for models, drawn in JavaScript and uploaded as tensors: the same seed gives the same
 * numbers on every TF.js backend (TF.js's own random ops differ between backends and cannot be checkpointed),
 * which is what makes exact resume and CPU-vs-GPU loss comparisons possible. Not cryptographic.
 */
import { createRng } from "@choreo/dataset";
import * as tf from "@tensorflow/tfjs-core";

/** A seeded source of uniform and normal tensors. */
export interface Noise {
  /** Uniform [0, 1) values as a Float32Array. */
  uniformArray(count: number): Float32Array;
  uniform(shape: number[]): tf.Tensor;
  normal(shape: number[]): tf.Tensor;
  normalArray(count: number): Float32Array;
}

/** mulberry32: a 32-bit state PRNG, uniform in [0, 1) (the same generator @choreo/dataset seeds splits with). */
export const createUniform: (seed: number) => () => number = createRng;

/** Mixes a seed with stream ids (e.g. step, purpose) into one 32-bit seed (splitmix-style finalizer). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A noise source; the values depend only on `seed` and the order of calls. */
export function createNoise(seed: number): Noise {
  const next = createUniform(seed);
  const normalArray = (count: number): Float32Array => {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
      const u = 1 - next();
      const r = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * next();
      out[i] = r * Math.cos(angle);
      if (i + 1 < count) out[i + 1] = r * Math.sin(angle);
    }
    return out;
  };
  const uniformArray = (count: number): Float32Array => {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = next();
    return out;
  };
  const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
  return {
    uniformArray,
    normalArray,
    uniform: (shape) => tf.tensor(uniformArray(size(shape)), shape),
    normal: (shape) => tf.tensor(normalArray(size(shape)), shape),
  };
}
