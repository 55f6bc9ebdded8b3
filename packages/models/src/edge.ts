/**
 * An EDGE-style motion diffusion transformer (`model/model.py::DanceDecoder`, metrics.md §12.2-12.3), sizes
 * configurable: input projection, rotary embedding "as written" (applied to the hidden state before the q/k
 * projections, v unrotated), a pre-norm condition encoder with classifier-free condition dropout (null
 * tokens), a timestep MLP giving the FiLM vector and two memory tokens, pre-norm FiLM decoder layers
 * (self-attention, cross-attention to the music, feed-forward), x0 prediction. Loss: 0.636·MSE(x̂0, x0) +
 * 2.964·MSE of frame velocities. Not kept: the FK and foot-contact losses (they need EDGE's rot6d + contacts
 * layout; choreo datasets may carry other motion layouts) and Adan (training uses AdamW).
 */
import * as tf from "@tensorflow/tfjs-core";
import { multiHeadAttention, preNormEncoderLayer, feedForward, type LayerSizes } from "./attention.js";
import { cosineAlphaBars, ddimStep, ddimTimes } from "./diffusion.js";
import { dropout, layerNorm, linear, mish, silu, timestepEmbedding } from "./layers.js";
import { input, type Batch, type LossResult, type Model } from "./model.js";
import type { Noise } from "./noise.js";
import { ParamStore } from "./paramStore.js";
import type { EdgeConfig } from "./schema.js";

export interface EdgeModel extends Model<EdgeConfig> {
  /** x̂0 `[B, T, motionDims]` for noisy motion at integer steps `t` (one per item); `keep` 1 = conditioned. */
  denoise(x: tf.Tensor, cond: tf.Tensor, t: readonly number[], keep: tf.Tensor, noise?: Noise): tf.Tensor;
  /** DDIM sampling with classifier-free guidance `guidanceWeight` (EDGE: unc + (cond − unc)·w). */
  sample(cond: tf.Tensor, noise: Noise, options?: { steps?: number; guidanceWeight?: number }): tf.Tensor3D;
}

/** EDGE's rotary table for `dim`: cos and sin `[T, dim]`, frequencies repeated pairwise. */
function rotaryTables(frames: number, dim: number): { cos: tf.Tensor; sin: tf.Tensor } {
  const cos = new Float32Array(frames * dim);
  const sin = new Float32Array(frames * dim);
  for (let p = 0; p < frames; p++) {
    for (let i = 0; i < dim / 2; i++) {
      const theta = p / 10000 ** ((2 * i) / dim);
      for (const j of [2 * i, 2 * i + 1]) {
        cos[p * dim + j] = Math.cos(theta);
        sin[p * dim + j] = Math.sin(theta);
      }
    }
  }
  return { cos: tf.keep(tf.tensor2d(cos, [frames, dim])), sin: tf.keep(tf.tensor2d(sin, [frames, dim])) };
}

/** x·cos + rotate_half(x)·sin with interleaved pairs (x1, x2) → (−x2, x1), positions 0..T-1. */
function rotate(x: tf.Tensor, table: { cos: tf.Tensor; sin: tf.Tensor }): tf.Tensor {
  const [b, t, d] = x.shape as [number, number, number];
  const pairs = tf.reshape(x, [b, t, d / 2, 2]);
  const [x1, x2] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];
  const half = tf.reshape(tf.concat([tf.neg(x2), x1], -1), [b, t, d]);
  const cos = tf.slice(table.cos, [0, 0], [t, d]);
  const sin = tf.slice(table.sin, [0, 0], [t, d]);
  return tf.add(tf.mul(x, cos), tf.mul(half, sin));
}

function filmLayer(ps: ParamStore, name: string, s: LayerSizes, rot: (x: tf.Tensor) => tf.Tensor) {
  const selfAttn = multiHeadAttention(ps, `${name}.self_attn`, s);
  const crossAttn = multiHeadAttention(ps, `${name}.cross_attn`, s);
  const ff = feedForward(ps, name, s);
  const norms = [1, 2, 3].map((i) => layerNorm(ps, `${name}.norm${i}`, s.dim));
  const films = [1, 2, 3].map((i) => linear(ps, `${name}.film${i}`, s.dim, 2 * s.dim));
  const film = (i: number, h: tf.Tensor, tVec: tf.Tensor): tf.Tensor => {
    const [scale, shift] = tf.split(tf.expandDims(films[i]!(mish(tVec)), 1), 2, -1) as [tf.Tensor, tf.Tensor];
    return tf.add(tf.mul(tf.add(scale, 1), h), shift);
  };
  return (x: tf.Tensor, memory: tf.Tensor, tVec: tf.Tensor, noise?: Noise): tf.Tensor => {
    let n = norms[0]!(x);
    let r = rot(n);
    x = tf.add(x, film(0, dropout(selfAttn({ q: r, k: r, v: n }, noise), s.dropout, noise), tVec));
    n = norms[1]!(x);
    x = tf.add(
      x,
      film(1, dropout(crossAttn({ q: rot(n), k: rot(memory), v: memory }, noise), s.dropout, noise), tVec),
    );
    r = ff(norms[2]!(x), noise);
    return tf.add(x, film(2, dropout(r, s.dropout, noise), tVec));
  };
}

/** Builds the model with seeded initial weights. */
export function createEdge(config: EdgeConfig): EdgeModel {
  const ps = new ParamStore(config.seed);
  const { frames, motionDims, condDims, latentDim: d } = config;
  const s = { dim: d, heads: config.heads, ffDim: config.ffDim, dropout: config.dropout };
  const table = rotaryTables(frames + 2, d);
  const rot = config.rotary ? (x: tf.Tensor) => rotate(x, table) : (x: tf.Tensor) => x;
  const inputProjection = linear(ps, "input_projection", motionDims, d);
  const condProjection = linear(ps, "cond_projection", condDims, d);
  const condEncoder = Array.from({ length: config.condLayers }, (_, i) =>
    preNormEncoderLayer(ps, `cond_encoder.${i}`, s, rot),
  );
  const nullCondEmbed = ps.normal("null_cond_embed", [1, frames, d]);
  const nullCondHidden = ps.normal("null_cond_hidden", [1, d]);
  const nonAttnNorm = layerNorm(ps, "non_attn_cond_projection.norm", d);
  const nonAttn1 = linear(ps, "non_attn_cond_projection.linear1", d, d);
  const nonAttn2 = linear(ps, "non_attn_cond_projection.linear2", d, d);
  const timeMlp = linear(ps, "time_mlp", d, 4 * d);
  const toTimeCond = linear(ps, "to_time_cond", 4 * d, d);
  const toTimeTokens = linear(ps, "to_time_tokens", 4 * d, 2 * d);
  const memoryNorm = layerNorm(ps, "norm_cond", d);
  const layers = Array.from({ length: config.layers }, (_, i) =>
    filmLayer(ps, `seqTransDecoder.${i}`, s, rot),
  );
  const final = linear(ps, "final_layer", d, motionDims);
  const alphaBars = cosineAlphaBars(config.timesteps);

  const denoise: EdgeModel["denoise"] = (x, cond, t, keep, noise) => {
    const b = x.shape[0];
    let c = condProjection(cond);
    for (const layer of condEncoder) c = layer(c, noise);
    const k3 = tf.reshape(keep, [b, 1, 1]);
    const condTokens = tf.add(tf.mul(k3, c), tf.mul(tf.sub(1, k3), nullCondEmbed));
    const pooled = nonAttn2(silu(nonAttn1(nonAttnNorm(tf.mean(condTokens, 1)))));
    const k2 = tf.reshape(keep, [b, 1]);
    const condHidden = tf.add(tf.mul(k2, pooled), tf.mul(tf.sub(1, k2), nullCondHidden));
    const tHidden = mish(timeMlp(timestepEmbedding(t, d)));
    const tVec = tf.add(toTimeCond(tHidden), condHidden);
    const memory = memoryNorm(tf.concat([condTokens, tf.reshape(toTimeTokens(tHidden), [b, 2, d])], 1));
    let h = inputProjection(x);
    for (const layer of layers) h = layer(h, memory, tVec, noise);
    return final(h);
  };

  const loss = (batch: Batch, noise: Noise, training: boolean): LossResult => {
    const x0 = input(batch, "motion", [frames, motionDims]);
    const cond = input(batch, "cond", [frames, condDims]);
    const b = x0.shape[0];
    const t = Array.from(noise.uniformArray(b), (u) =>
      Math.min(config.timesteps - 1, Math.floor(u * config.timesteps)),
    );
    const keepProb = training ? 1 - config.condDropProb : 1;
    const keep = tf.tensor1d(Array.from(noise.uniformArray(b), (u) => (u < keepProb ? 1 : 0)));
    const sa = tf.tensor3d(
      t.map((s) => Math.sqrt(alphaBars[s]!)),
      [b, 1, 1],
    );
    const sb = tf.tensor3d(
      t.map((s) => Math.sqrt(1 - alphaBars[s]!)),
      [b, 1, 1],
    );
    const xt = tf.add(tf.mul(sa, x0), tf.mul(sb, noise.normal([...x0.shape])));
    const pred = denoise(xt, cond, t, keep, training ? noise : undefined);
    const simple = tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(x0, pred);
    const velocity = (m: tf.Tensor): tf.Tensor =>
      tf.sub(
        tf.slice(m, [0, 1, 0], [b, frames - 1, motionDims]),
        tf.slice(m, [0, 0, 0], [b, frames - 1, motionDims]),
      );
    const vel = tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(velocity(x0), velocity(pred));
    return {
      loss: tf.add(tf.mul(simple, config.simpleWeight), tf.mul(vel, config.velocityWeight)),
      parts: { simple, velocity: vel },
    };
  };

  const sample: EdgeModel["sample"] = (cond, noise, options = {}) => {
    const b = cond.shape[0];
    const w = options.guidanceWeight ?? config.guidanceWeight;
    let x: tf.Tensor = noise.normal([b, frames, motionDims]);
    for (const [t, next] of ddimTimes(config.timesteps, options.steps ?? config.ddimSteps)) {
      const ts = new Array<number>(b).fill(t);
      const prev = x;
      x = tf.tidy(() => {
        const condPred = denoise(prev, cond, ts, tf.ones([b]));
        const uncPred = denoise(prev, cond, ts, tf.zeros([b]));
        const x0 = tf.clipByValue(tf.add(uncPred, tf.mul(tf.sub(condPred, uncPred), w)), -1, 1);
        const k = ddimStep(alphaBars, t, next);
        if (next < 0) return x0;
        const eps = tf.sub(tf.mul(prev, k.epsFromX), tf.mul(x0, k.epsFromX0));
        return tf.add(
          tf.add(tf.mul(x0, k.x0Coef), tf.mul(eps, k.epsCoef)),
          tf.mul(noise.normal([b, frames, motionDims]), k.sigma),
        );
      });
      prev.dispose();
    }
    return x as tf.Tensor3D;
  };

  return {
    config,
    params: ps,
    inputs: { motion: [frames, motionDims], cond: [frames, condDims] },
    denoise,
    loss,
    sample,
    dispose: () => {
      ps.dispose();
      table.cos.dispose();
      table.sin.dispose();
    },
  };
}
