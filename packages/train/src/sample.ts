/**
 * Sampling from a checkpoint: the condition (music features, and lyric features or zeros) is normalized with
 * the checkpoint's stats, the generative model (CVAE: z ~ N(0, I); EDGE: DDIM with classifier-free guidance)
 * produces a window, and the motion is denormalized to the dataset's layout. EMA weights are used when the
 * checkpoint has them. Inputs longer than the model's window are cut to it; shorter ones are refused.
 */
import * as tf from "@tensorflow/tfjs-core";
import { createModel, createNoise, type EdgeModel, type TransformerCvae } from "@choreo/models";
import { readCheckpoint } from "./checkpoint.js";
import { CheckpointInvalid } from "./errors.js";
import { concatFrames, normalize } from "./task.js";

export interface SampleOptions {
  readonly checkpoint: string;
  /** Music features [frames, D] in the dataset's music layout. */
  readonly music: Float32Array;
  /** Lyric features [frames, D]; zeros when absent and the model was trained with lyrics. */
  readonly lyrics?: Float32Array;
  readonly seed?: number;
  readonly useEma?: boolean;
  readonly guidanceWeight?: number;
}

export interface Sampled {
  /** Motion [frames, motionDims], denormalized. */
  readonly motion: Float32Array;
  readonly frames: number;
  readonly motionDims: number;
  readonly fps: number;
}

/** Generates one motion window for the given condition. */
export async function sampleFromCheckpoint(options: SampleOptions): Promise<Sampled> {
  const ckpt = readCheckpoint(options.checkpoint);
  const { model: config, task } = ckpt.meta;
  if (config.model !== "cvae" && config.model !== "cvae-mlp" && config.model !== "edge") {
    throw new CheckpointInvalid(options.checkpoint, `a ${config.model} model does not generate motion`);
  }
  const T = config.frames;
  const widths =
    task.condTensors.length === 2
      ? [options.music.length / T, config.condDims - options.music.length / T]
      : [config.condDims];
  const musicFrames = Math.floor(options.music.length / Math.max(1, widths[0]!));
  if (!Number.isInteger(widths[0]) || musicFrames < T) {
    throw new CheckpointInvalid(
      options.checkpoint,
      `needs music of at least ${T} frames × ${config.condDims - (widths[1] ?? 0)} features`,
    );
  }
  const parts = [options.music.subarray(0, T * widths[0]!)];
  if (widths[1] !== undefined)
    parts.push(options.lyrics?.subarray(0, T * widths[1]) ?? new Float32Array(T * widths[1]));
  const cond = normalize(concatFrames(parts, T), task.cond!);
  const model = createModel(config);
  model.params.import(options.useEma !== false && ckpt.ema !== undefined ? ckpt.ema : ckpt.weights);
  const noise = createNoise(options.seed ?? 0);
  const condTensor = tf.tensor3d(cond, [1, T, config.condDims]);
  const out =
    config.model === "edge"
      ? (model as EdgeModel).sample(
          condTensor,
          noise,
          options.guidanceWeight === undefined ? {} : { guidanceWeight: options.guidanceWeight },
        )
      : (model as TransformerCvae).sample(condTensor, noise);
  const motion = normalize(Float32Array.from(await out.data()), task.motion!, "inverse");
  tf.dispose([out, condTensor]);
  model.dispose();
  return { motion, frames: T, motionDims: config.motionDims, fps: ckpt.meta.dataset.fps };
}
