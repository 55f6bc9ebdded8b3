/**
 * The v1 MLP CVAE of the JustLMD report ("Version 1"), in our reading: the report gives no layer table, so
 * motion and condition are first projected per frame to `frameDim` (keeping the flattened width small at
 * 180 frames), then the encoder MLP (two GELU layers) maps flatten(motion ⊕ cond) to μ and log σ², and the
 * decoder MLP maps z ⊕ flatten(cond) back to the motion window. Same loss as the Transformer CVAE.
 */
import * as tf from "@tensorflow/tfjs-core";
import { gelu, linear } from "./layers.js";
import { input, type Batch, type LossOptions, type LossResult, type Model } from "./model.js";
import type { Noise } from "./noise.js";
import { ParamStore } from "./paramStore.js";
import type { MlpCvaeConfig } from "./schema.js";
import { cvaeLoss } from "./transformerCvae.js";

export interface MlpCvae extends Model<MlpCvaeConfig> {
  decode(z: tf.Tensor, cond: tf.Tensor): tf.Tensor3D;
  sample(cond: tf.Tensor, noise: Noise): tf.Tensor3D;
}

/** Builds the model with seeded initial weights. */
export function createMlpCvae(config: MlpCvaeConfig): MlpCvae {
  const ps = new ParamStore(config.seed);
  const { frames, motionDims, condDims, frameDim, hiddenDim, latentDim } = config;
  const frameIn = linear(ps, "encoder.frame", motionDims + condDims, frameDim);
  const enc1 = linear(ps, "encoder.fc1", frames * frameDim, hiddenDim);
  const enc2 = linear(ps, "encoder.fc2", hiddenDim, hiddenDim);
  const muLogvar = linear(ps, "encoder.mu_logvar", hiddenDim, 2 * latentDim);
  const condFrame = linear(ps, "decoder.cond_frame", condDims, frameDim);
  const dec1 = linear(ps, "decoder.fc1", latentDim + frames * frameDim, hiddenDim);
  const dec2 = linear(ps, "decoder.fc2", hiddenDim, hiddenDim);
  const out = linear(ps, "decoder.out", hiddenDim, frames * motionDims);

  const decode = (z: tf.Tensor, cond: tf.Tensor): tf.Tensor3D => {
    const b = cond.shape[0];
    const c = tf.reshape(condFrame(cond), [b, frames * frameDim]);
    return tf.reshape(out(gelu(dec2(gelu(dec1(tf.concat([z, c], -1)))))), [b, frames, motionDims]);
  };
  const loss = (batch: Batch, noise: Noise, _training: boolean, options: LossOptions = {}): LossResult => {
    const motion = input(batch, "motion", [frames, motionDims]);
    const cond = input(batch, "cond", [frames, condDims]);
    const b = motion.shape[0];
    const h = gelu(
      enc2(gelu(enc1(tf.reshape(frameIn(tf.concat([motion, cond], -1)), [b, frames * frameDim])))),
    );
    const [mu, logvar] = tf.split(muLogvar(h), 2, -1) as [tf.Tensor, tf.Tensor];
    return cvaeLoss(
      motion,
      mu,
      logvar,
      (z) => decode(z, cond),
      noise,
      config.klWeight * (options.klScale ?? 1),
    );
  };
  return {
    config,
    params: ps,
    inputs: { motion: [frames, motionDims], cond: [frames, condDims] },
    loss,
    decode,
    sample: (cond, noise) => decode(noise.normal([cond.shape[0], latentDim]), cond),
    dispose: () => ps.dispose(),
  };
}
