/**
 * The JustLMD Transformer CVAE (jot-ctrl/justLMD@d9fcecd `TransVAE_Baseline/src/models/architectures/
 * transformer.py`, itself ACTOR's Encoder/Decoder_TRANSFORMER; metrics.md §11.2). Encoder: per frame
 * Linear(cond ⊕ motion → latent) + PE → post-norm transformer encoder → Linear(frames → 2) along time gives
 * μ and log σ². Decoder: Linear(cond → latent) per frame, z appended as one more token, Linear(frames+1 →
 * frames) along the sequence gives the memory; queries are zeros + PE; transformer decoder; Linear(→ motion).
 * Loss: MSE (mean) + klWeight × KL summed over batch and latent dims. Added (off by default): condition
 * dropout per training window (`condDropProb`) and a motion-only encoder (`encoderCond: false`). Not kept: the unused `muQuery`,
 * `sigmaQuery` and `actionBiases` parameters (they change nothing but the parameter count) and padding masks.
 */
import * as tf from "@tensorflow/tfjs-core";
import { decoderLayer, encoderLayer } from "./attention.js";
import { dropout, linear, sinusoidalTable } from "./layers.js";
import { input, type Batch, type LossOptions, type LossResult, type Model } from "./model.js";
import type { Noise } from "./noise.js";
import { ParamStore } from "./paramStore.js";
import type { TransformerCvaeConfig } from "./schema.js";

export interface TransformerCvae extends Model<TransformerCvaeConfig> {
  /** μ and log σ² `[B, latent]` of motion `[B, T, motionDims]` given cond `[B, T, condDims]`. */
  encode(motion: tf.Tensor, cond: tf.Tensor, noise?: Noise): { mu: tf.Tensor2D; logvar: tf.Tensor2D };
  /** Motion `[B, T, motionDims]` from latent `[B, latent]` and cond. */
  decode(z: tf.Tensor, cond: tf.Tensor, noise?: Noise): tf.Tensor3D;
  /** Motion for cond with z ~ N(0, I) from `noise`. */
  sample(cond: tf.Tensor, noise: Noise): tf.Tensor3D;
}

/** KL(N(μ, σ²) ‖ N(0, I)) summed over batch and dims (ACTOR's `compute_kl_loss`). */
export function klDivergence(mu: tf.Tensor, logvar: tf.Tensor): tf.Scalar {
  return tf.mul(tf.sum(tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar)))), -0.5);
}

/**
 * The CVAE objective both CVAEs share: reparameterised z = μ + ε·exp(logvar/2), reconstruction MSE of
 * `decode(z)` against `motion`, plus klWeight × the summed KL.
 */
export function cvaeLoss(
  motion: tf.Tensor,
  mu: tf.Tensor,
  logvar: tf.Tensor,
  decode: (z: tf.Tensor) => tf.Tensor,
  noise: Noise,
  klWeight: number,
): LossResult {
  const z = tf.add(mu, tf.mul(noise.normal([...mu.shape]), tf.exp(tf.mul(logvar, 0.5))));
  const rc = tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(motion, decode(z));
  const kl = klDivergence(mu, logvar);
  return { loss: tf.add(rc, tf.mul(kl, klWeight)), parts: { rc, kl } };
}

/** Applies a Linear over axis 1 of `[B, N, D]` (the JustLMD "along time" linears): `[B, M, D]`. */
function alongAxis1(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.transpose(f(tf.transpose(x, [0, 2, 1])), [0, 2, 1]);
}

/** Builds the model with seeded initial weights. */
export function createTransformerCvae(config: TransformerCvaeConfig): TransformerCvae {
  const ps = new ParamStore(config.seed);
  const { frames, motionDims, condDims, latentDim: d } = config;
  const sizes = { dim: d, heads: config.heads, ffDim: config.ffDim, dropout: config.dropout };
  const xyEmbedding = linear(ps, "encoder.xyEmbedding", condDims + motionDims, d);
  const encoders = Array.from({ length: config.layers }, (_, i) =>
    encoderLayer(ps, `encoder.layers.${i}`, sizes),
  );
  const muSigma = linear(ps, "encoder.muSigmaEmbedding", frames, 2);
  const yEmbedding = linear(ps, "decoder.yEmbedding", condDims, d);
  const yzEmbedding = linear(ps, "decoder.yzEmbedding", frames + 1, frames);
  const decoders = Array.from({ length: config.layers }, (_, i) =>
    decoderLayer(ps, `decoder.layers.${i}`, sizes),
  );
  const final = linear(ps, "decoder.finallayer", d, motionDims);
  const pe = tf.keep(tf.tensor3d(sinusoidalTable(frames, d), [1, frames, d]));

  const encode: TransformerCvae["encode"] = (motion, cond, noise) => {
    const c = config.encoderCond ? cond : tf.zerosLike(cond);
    let h = dropout(tf.add(xyEmbedding(tf.concat([c, motion], -1)), pe), config.dropout, noise);
    for (const layer of encoders) h = layer(h, noise);
    const out = alongAxis1(muSigma, h); // [B, 2, d]
    const [mu, logvar] = tf.split(out, 2, 1).map((t) => tf.squeeze<tf.Tensor2D>(t, [1])) as [
      tf.Tensor2D,
      tf.Tensor2D,
    ];
    return { mu, logvar };
  };
  const decode: TransformerCvae["decode"] = (z, cond, noise) => {
    const b = cond.shape[0];
    const seq = tf.concat([yEmbedding(cond), tf.reshape(z, [b, 1, d])], 1);
    const memory = alongAxis1(yzEmbedding, seq);
    let h = dropout(tf.tile(pe, [b, 1, 1]), config.dropout, noise);
    for (const layer of decoders) h = layer(h, memory, noise);
    return final(h) as tf.Tensor3D;
  };
  const loss = (batch: Batch, noise: Noise, training: boolean, options: LossOptions = {}): LossResult => {
    const motion = input(batch, "motion", [frames, motionDims]);
    let cond = input(batch, "cond", [frames, condDims]);
    if (training && config.condDropProb > 0) {
      const keep = tf.greaterEqual(noise.uniform([...cond.shape.slice(0, 1), 1, 1]), config.condDropProb);
      cond = tf.mul(cond, tf.cast(keep, "float32"));
    }
    const drop = training ? noise : undefined;
    const { mu, logvar } = encode(motion, cond, drop);
    return cvaeLoss(
      motion,
      mu,
      logvar,
      (z) => decode(z, cond, drop),
      noise,
      config.klWeight * (options.klScale ?? 1),
    );
  };
  return {
    config,
    params: ps,
    inputs: { motion: [frames, motionDims], cond: [frames, condDims] },
    encode,
    decode,
    loss,
    sample: (cond, noise) => decode(noise.normal([cond.shape[0], d]), cond),
    dispose: () => {
      ps.dispose();
      pe.dispose();
    },
  };
}
