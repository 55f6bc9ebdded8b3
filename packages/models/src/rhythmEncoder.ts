/**
 * The dance-to-music rhythm encoder (Li et al., SIGGRAPH Asia 2024, `audiocraft/modules/embedding_manager.py`
 * RhythmEncoder, lsfhuihuiff/Dance-to-music_Siggraph_Asia_2024@db36608): per frame the directogram (`bins`
 * angle bins of joint displacement, from `@choreo/features`' `directogram`) and its peak flag go through an
 * MLP, then self-attention over time with sinusoidal positions, giving a rhythm embedding per frame. For
 * training without the music generator, a linear head predicts a per-frame music target (onset strength);
 * the loss is its MSE. The textual-inversion machinery of the paper is not here.
 */
import * as tf from "@tensorflow/tfjs-core";
import { encoderLayer } from "./attention.js";
import { gelu, linear, sinusoidalTable } from "./layers.js";
import { input, type Batch, type LossResult, type Model } from "./model.js";
import type { Noise } from "./noise.js";
import { ParamStore } from "./paramStore.js";
import type { RhythmConfig } from "./schema.js";

export interface RhythmEncoder extends Model<RhythmConfig> {
  /** Rhythm embedding `[B, T, dim]` of directogram ⊕ peaks `[B, T, bins + 1]`. */
  embed(rhythm: tf.Tensor, noise?: Noise): tf.Tensor3D;
  /** The training head's per-frame prediction `[B, T, targetDims]`. */
  predict(rhythm: tf.Tensor): tf.Tensor3D;
}

/** Builds the encoder with seeded initial weights. */
export function createRhythmEncoder(config: RhythmConfig): RhythmEncoder {
  const ps = new ParamStore(config.seed);
  const { frames, bins, dim, targetDims } = config;
  const mlp1 = linear(ps, "mlp.0", bins + 1, dim);
  const mlp2 = linear(ps, "mlp.2", dim, dim);
  const sizes = { dim, heads: config.heads, ffDim: config.ffDim, dropout: config.dropout };
  const layers = Array.from({ length: config.layers }, (_, i) => encoderLayer(ps, `attention.${i}`, sizes));
  const head = linear(ps, "head", dim, targetDims);
  const pe = tf.keep(tf.tensor3d(sinusoidalTable(frames, dim), [1, frames, dim]));
  const embed: RhythmEncoder["embed"] = (rhythm, noise) => {
    let h = tf.add(mlp2(gelu(mlp1(rhythm))), pe);
    for (const layer of layers) h = layer(h, noise);
    return h as tf.Tensor3D;
  };
  const loss = (batch: Batch, noise: Noise, training: boolean): LossResult => {
    const rhythm = input(batch, "rhythm", [frames, bins + 1]);
    const target = input(batch, "target", [frames, targetDims]);
    const mse = tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(
      target,
      head(embed(rhythm, training ? noise : undefined)),
    );
    return { loss: mse, parts: { mse } };
  };
  return {
    config,
    params: ps,
    inputs: { rhythm: [frames, bins + 1], target: [frames, targetDims] },
    embed,
    predict: (rhythm) => head(embed(rhythm)) as tf.Tensor3D,
    loss,
    dispose: () => {
      ps.dispose();
      pe.dispose();
    },
  };
}
