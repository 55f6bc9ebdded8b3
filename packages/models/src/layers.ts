/**
 * Functional building blocks over a ParamStore: a builder creates its parameters at model construction and
 * returns the forward function. Layouts are batch-first `[B, T, D]` (PyTorch's defaults are sequence-first;
 * the arithmetic is the same). Only ops that every TF.js backend implements with gradients are used: no
 * gather in a differentiated path (the wasm backend lacks UnsortedSegmentSum), embeddings are matmuls.
 */
import "./gradients.js";
import * as tf from "@tensorflow/tfjs-core";
import type { Noise } from "./noise.js";
import type { ParamStore } from "./paramStore.js";

export type Forward = (x: tf.Tensor) => tf.Tensor;

/** `nn.Linear(inDim, outDim)` over the last axis, with PyTorch's init bound 1/√inDim for weight and bias. */
export function linear(
  ps: ParamStore,
  name: string,
  inDim: number,
  outDim: number,
  options: { bias?: boolean } = {},
): Forward {
  const bound = 1 / Math.sqrt(inDim);
  const w = ps.uniform(`${name}.weight`, [inDim, outDim], bound);
  const b = options.bias === false ? undefined : ps.uniform(`${name}.bias`, [outDim], bound);
  return (x) => {
    const shape = x.shape;
    const flat = tf.reshape(x, [-1, inDim]);
    const y = b === undefined ? tf.matMul(flat, w) : tf.add(tf.matMul(flat, w), b);
    return tf.reshape(y, [...shape.slice(0, -1), outDim]);
  };
}

/** `nn.LayerNorm(dim)` (eps 1e-5, affine). */
export function layerNorm(ps: ParamStore, name: string, dim: number): Forward {
  const gamma = ps.constant(`${name}.weight`, [dim], 1);
  const beta = ps.constant(`${name}.bias`, [dim], 0);
  return (x) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
  };
}

/** Exact GELU, 0.5·x·(1 + erf(x/√2)) (PyTorch's default, not the tanh approximation). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

/** SiLU, x·sigmoid(x). */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** Mish, x·tanh(softplus(x)). */
export function mish(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.tanh(tf.softplus(x)));
}

/** Inverted dropout with a mask from the seeded noise; identity when `noise` is undefined or `rate` is 0. */
export function dropout(x: tf.Tensor, rate: number, noise: Noise | undefined): tf.Tensor {
  if (noise === undefined || rate <= 0) return x;
  const keep = tf.cast(tf.greaterEqual(noise.uniform([...x.shape]), rate), "float32");
  return tf.mul(x, tf.div(keep, 1 - rate));
}

/** ACTOR's sinusoidal positional encoding as a constant `[T, d]` (sin on even, cos on odd columns). */
export function sinusoidalTable(frames: number, dim: number): Float32Array {
  const out = new Float32Array(frames * dim);
  for (let p = 0; p < frames; p++) {
    for (let i = 0; i < dim; i += 2) {
      const angle = p * Math.exp(i * (-Math.log(10000) / dim));
      out[p * dim + i] = Math.sin(angle);
      if (i + 1 < dim) out[p * dim + i + 1] = Math.cos(angle);
    }
  }
  return out;
}

/** EDGE's `SinusoidalPosEmb`: `[sin(t·e), cos(t·e)]` with `e = exp(-ln(10000)/(half-1)·k)`, per batch item. */
export function timestepEmbedding(steps: readonly number[], dim: number): tf.Tensor2D {
  const half = dim / 2;
  const out = new Float32Array(steps.length * dim);
  steps.forEach((t, b) => {
    for (let k = 0; k < half; k++) {
      const a = t * Math.exp((-Math.log(10000) / (half - 1)) * k);
      out[b * dim + k] = Math.sin(a);
      out[b * dim + half + k] = Math.cos(a);
    }
  });
  return tf.tensor2d(out, [steps.length, dim]);
}
