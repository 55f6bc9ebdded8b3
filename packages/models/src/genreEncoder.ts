/**
 * The dance-to-music genre encoder: motion per frame → Linear + sinusoidal positions → post-norm transformer
 * encoder → mean over time → genre logits; softmax cross-entropy against one-hot labels (one-hot, not class
 * indices, so no gather enters the gradient). The pooled vector is the genre embedding.
 */
import * as tf from "@tensorflow/tfjs-core";
import { encoderLayer } from "./attention.js";
import { linear, sinusoidalTable } from "./layers.js";
import { input, type Batch, type LossResult, type Model } from "./model.js";
import type { Noise } from "./noise.js";
import { ParamStore } from "./paramStore.js";
import type { GenreConfig } from "./schema.js";

export interface GenreEncoder extends Model<GenreConfig> {
  /** Genre embedding `[B, dim]` of motion `[B, T, motionDims]`. */
  embed(motion: tf.Tensor, noise?: Noise): tf.Tensor2D;
  /** Genre logits `[B, genres]`. */
  logits(motion: tf.Tensor): tf.Tensor2D;
}

/** Builds the encoder with seeded initial weights. */
export function createGenreEncoder(config: GenreConfig): GenreEncoder {
  const ps = new ParamStore(config.seed);
  const { frames, motionDims, dim, genres } = config;
  const inputProjection = linear(ps, "input_projection", motionDims, dim);
  const sizes = { dim, heads: config.heads, ffDim: config.ffDim, dropout: config.dropout };
  const layers = Array.from({ length: config.layers }, (_, i) => encoderLayer(ps, `encoder.${i}`, sizes));
  const classifier = linear(ps, "classifier", dim, genres);
  const pe = tf.keep(tf.tensor3d(sinusoidalTable(frames, dim), [1, frames, dim]));
  const embed: GenreEncoder["embed"] = (motion, noise) => {
    let h = tf.add(inputProjection(motion), pe);
    for (const layer of layers) h = layer(h, noise);
    return tf.mean<tf.Tensor2D>(h, 1);
  };
  const loss = (batch: Batch, noise: Noise, training: boolean): LossResult => {
    const motion = input(batch, "motion", [frames, motionDims]);
    const label = input(batch, "label", [genres]);
    const ce = tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(
      label,
      classifier(embed(motion, training ? noise : undefined)),
    );
    return { loss: ce, parts: { ce } };
  };
  return {
    config,
    params: ps,
    inputs: { motion: [frames, motionDims], label: [genres] },
    embed,
    logits: (motion) => classifier(embed(motion)) as tf.Tensor2D,
    loss,
    dispose: () => {
      ps.dispose();
      pe.dispose();
    },
  };
}
