/**
 * Multi-head attention and the transformer layers built on it: PyTorch's post-norm encoder and decoder
 * layers (ACTOR, JustLMD) and pre-norm layers (EDGE). Queries, keys and values are given separately so a
 * caller may rotate q and k but not v (EDGE's rotary embedding). No masks: choreo's windows are full length.
 */
import * as tf from "@tensorflow/tfjs-core";
import { dropout, gelu, layerNorm, linear, type Forward } from "./layers.js";
import type { Noise } from "./noise.js";
import type { ParamStore } from "./paramStore.js";

export interface AttentionInputs {
  readonly q: tf.Tensor;
  readonly k: tf.Tensor;
  readonly v: tf.Tensor;
}

export type Attention = (inputs: AttentionInputs, noise?: Noise) => tf.Tensor;

/** `nn.MultiheadAttention(dim, heads)` with in/out projection biases and scale 1/√(dim/heads). */
export function multiHeadAttention(
  ps: ParamStore,
  name: string,
  options: { dim: number; heads: number; dropout: number },
): Attention {
  const { dim, heads } = options;
  const headDim = dim / heads;
  const wq = linear(ps, `${name}.q`, dim, dim);
  const wk = linear(ps, `${name}.k`, dim, dim);
  const wv = linear(ps, `${name}.v`, dim, dim);
  const wo = linear(ps, `${name}.out`, dim, dim);
  const split = (x: tf.Tensor): tf.Tensor => {
    const [b, t] = x.shape as [number, number, number];
    return tf.transpose(tf.reshape(x, [b, t, heads, headDim]), [0, 2, 1, 3]);
  };
  return ({ q, k, v }, noise) => {
    const [b, tq] = q.shape as [number, number, number];
    const scores = tf.mul(tf.matMul(split(wq(q)), split(wk(k)), false, true), 1 / Math.sqrt(headDim));
    const weights = dropout(tf.softmax(scores, -1), options.dropout, noise);
    const context = tf.reshape(tf.transpose(tf.matMul(weights, split(wv(v))), [0, 2, 1, 3]), [b, tq, dim]);
    return wo(context);
  };
}

/** Sizes shared by the transformer layers. */
export interface LayerSizes {
  readonly dim: number;
  readonly heads: number;
  readonly ffDim: number;
  readonly dropout: number;
}

function feedForward(
  ps: ParamStore,
  name: string,
  s: LayerSizes,
): (x: tf.Tensor, noise?: Noise) => tf.Tensor {
  const up = linear(ps, `${name}.linear1`, s.dim, s.ffDim);
  const down = linear(ps, `${name}.linear2`, s.ffDim, s.dim);
  return (x, noise) => down(dropout(gelu(up(x)), s.dropout, noise));
}

/** `nn.TransformerEncoderLayer(..., activation="gelu")`, post-norm (PyTorch's default `norm_first=False`). */
export function encoderLayer(
  ps: ParamStore,
  name: string,
  s: LayerSizes,
): (x: tf.Tensor, noise?: Noise) => tf.Tensor {
  const attn = multiHeadAttention(ps, `${name}.self_attn`, s);
  const ff = feedForward(ps, name, s);
  const norm1 = layerNorm(ps, `${name}.norm1`, s.dim);
  const norm2 = layerNorm(ps, `${name}.norm2`, s.dim);
  return (x, noise) => {
    const h = norm1(tf.add(x, dropout(attn({ q: x, k: x, v: x }, noise), s.dropout, noise)));
    return norm2(tf.add(h, dropout(ff(h, noise), s.dropout, noise)));
  };
}

/** `nn.TransformerDecoderLayer(..., activation="gelu")`, post-norm: self-attention, cross-attention, FF. */
export function decoderLayer(
  ps: ParamStore,
  name: string,
  s: LayerSizes,
): (x: tf.Tensor, memory: tf.Tensor, noise?: Noise) => tf.Tensor {
  const selfAttn = multiHeadAttention(ps, `${name}.self_attn`, s);
  const crossAttn = multiHeadAttention(ps, `${name}.multihead_attn`, s);
  const ff = feedForward(ps, name, s);
  const norms = [1, 2, 3].map((i) => layerNorm(ps, `${name}.norm${i}`, s.dim)) as [Forward, Forward, Forward];
  return (x, memory, noise) => {
    let h = norms[0](tf.add(x, dropout(selfAttn({ q: x, k: x, v: x }, noise), s.dropout, noise)));
    h = norms[1](tf.add(h, dropout(crossAttn({ q: h, k: memory, v: memory }, noise), s.dropout, noise)));
    return norms[2](tf.add(h, dropout(ff(h, noise), s.dropout, noise)));
  };
}

/** A pre-norm encoder layer (EDGE's condition encoder) with an optional transform of q/k inputs (rotary). */
export function preNormEncoderLayer(
  ps: ParamStore,
  name: string,
  s: LayerSizes,
  rotate: (x: tf.Tensor) => tf.Tensor = (x) => x,
): (x: tf.Tensor, noise?: Noise) => tf.Tensor {
  const attn = multiHeadAttention(ps, `${name}.self_attn`, s);
  const ff = feedForward(ps, name, s);
  const norm1 = layerNorm(ps, `${name}.norm1`, s.dim);
  const norm2 = layerNorm(ps, `${name}.norm2`, s.dim);
  return (x, noise) => {
    const n = norm1(x);
    const r = rotate(n);
    const h = tf.add(x, dropout(attn({ q: r, k: r, v: n }, noise), s.dropout, noise));
    return tf.add(h, dropout(ff(norm2(h), noise), s.dropout, noise));
  };
}

export { feedForward };
