/**
 * Model configs (zod) and their inferred types. Defaults are the reference sizes: the JustLMD Transformer
 * CVAE (metrics.md §10.1, §11.2) and EDGE's DanceDecoder (§12.2); `presets` holds smaller sizes for tests,
 * the demo dataset and benchmarks. Input widths (`motionDims`, `condDims`, `frames`) are set from a dataset.
 * Configs are strict: an unknown key (a typo) is an error, not a setting silently ignored.
 */
import { z } from "zod";

const sizes = {
  frames: z.number().int().positive(),
  motionDims: z.number().int().positive(),
  condDims: z.number().int().positive(),
  seed: z.number().int().nonnegative().default(0),
};

/** The JustLMD Transformer CVAE (`cvae_transformer_rc_kl`). */
export const TransformerCvaeConfig = z
  .object({
    model: z.literal("cvae"),
    frames: sizes.frames.default(180),
    motionDims: sizes.motionDims.default(78),
    condDims: sizes.condDims.default(256),
    seed: sizes.seed,
    latentDim: z.number().int().positive().default(512),
    layers: z.number().int().positive().default(4),
    heads: z.number().int().positive().default(4),
    ffDim: z.number().int().positive().default(1024),
    dropout: z.number().min(0).max(1).default(0.1),
    klWeight: z.number().nonnegative().default(1e-5),
    /**
     * Probability that a training window's condition is zeroed (for the encoder and the decoder), so the
     * decoder learns to read the motion from z instead of memorising windows by their music and lyrics; the
     * reference trains without it (0). Never applied when sampling or evaluating.
     */
    condDropProb: z.number().min(0).max(1).default(0),
    /**
     * Whether the encoder reads the condition (q(z | motion, cond), the reference) or the motion only (its
     * condition input is fed zeros): a motion-only posterior cannot memorise windows by their music and lyrics.
     */
    encoderCond: z.boolean().default(true),
  })
  .strict();
export type TransformerCvaeConfig = z.infer<typeof TransformerCvaeConfig>;

/** The v1 MLP CVAE: per-frame projections, then MLPs over the flattened window. */
export const MlpCvaeConfig = z
  .object({
    model: z.literal("cvae-mlp"),
    frames: sizes.frames.default(180),
    motionDims: sizes.motionDims.default(78),
    condDims: sizes.condDims.default(256),
    seed: sizes.seed,
    frameDim: z.number().int().positive().default(32),
    hiddenDim: z.number().int().positive().default(1024),
    latentDim: z.number().int().positive().default(256),
    klWeight: z.number().nonnegative().default(1e-5),
  })
  .strict();
export type MlpCvaeConfig = z.infer<typeof MlpCvaeConfig>;

/** An EDGE-style motion diffusion transformer (x0 prediction, cosine schedule, FiLM, cross-attention). */
export const EdgeConfig = z
  .object({
    model: z.literal("edge"),
    frames: sizes.frames.default(150),
    motionDims: sizes.motionDims.default(151),
    condDims: sizes.condDims.default(35),
    seed: sizes.seed,
    latentDim: z.number().int().positive().default(512),
    layers: z.number().int().positive().default(8),
    condLayers: z.number().int().nonnegative().default(2),
    heads: z.number().int().positive().default(8),
    ffDim: z.number().int().positive().default(1024),
    dropout: z.number().min(0).max(1).default(0.1),
    rotary: z.boolean().default(true),
    timesteps: z.number().int().positive().default(1000),
    condDropProb: z.number().min(0).max(1).default(0.25),
    guidanceWeight: z.number().default(2),
    ddimSteps: z.number().int().positive().default(50),
    simpleWeight: z.number().nonnegative().default(0.636),
    velocityWeight: z.number().nonnegative().default(2.964),
  })
  .strict();
export type EdgeConfig = z.infer<typeof EdgeConfig>;

/** Dance-to-music rhythm encoder: directogram (+ peaks) per frame → MLP → self-attention → embedding. */
export const RhythmConfig = z
  .object({
    model: z.literal("rhythm"),
    frames: sizes.frames.default(150),
    bins: z.number().int().positive().default(10),
    /** Width of the per-frame target the training head predicts (music onset strength: 1). */
    targetDims: z.number().int().positive().default(1),
    seed: sizes.seed,
    dim: z.number().int().positive().default(128),
    heads: z.number().int().positive().default(4),
    layers: z.number().int().positive().default(1),
    ffDim: z.number().int().positive().default(256),
    dropout: z.number().min(0).max(1).default(0),
  })
  .strict();
export type RhythmConfig = z.infer<typeof RhythmConfig>;

/** Dance-to-music genre encoder: motion → transformer → mean pool → genre logits. */
export const GenreConfig = z
  .object({
    model: z.literal("genre"),
    frames: sizes.frames.default(150),
    motionDims: sizes.motionDims.default(75),
    genres: z.number().int().positive().default(10),
    seed: sizes.seed,
    dim: z.number().int().positive().default(128),
    heads: z.number().int().positive().default(4),
    layers: z.number().int().positive().default(2),
    ffDim: z.number().int().positive().default(256),
    dropout: z.number().min(0).max(1).default(0),
  })
  .strict();
export type GenreConfig = z.infer<typeof GenreConfig>;

export const ModelConfig = z.discriminatedUnion("model", [
  TransformerCvaeConfig,
  MlpCvaeConfig,
  EdgeConfig,
  RhythmConfig,
  GenreConfig,
]);
export type ModelConfig = z.infer<typeof ModelConfig>;
export type ModelKind = ModelConfig["model"];
export const MODEL_KINDS: readonly ModelKind[] = ["cvae", "cvae-mlp", "edge", "rhythm", "genre"];

/** Smaller sizes, merged over the defaults: `tiny` for tests, `small` for the demo dataset and benchmarks. */
export const presets: Record<"tiny" | "small", Record<ModelKind, Record<string, number | boolean>>> = {
  tiny: {
    cvae: {
      latentDim: 32,
      layers: 1,
      heads: 2,
      ffDim: 64,
      dropout: 0.1,
      condDropProb: 0.8,
      encoderCond: false,
    },
    "cvae-mlp": { frameDim: 8, hiddenDim: 64, latentDim: 16 },
    edge: { latentDim: 32, layers: 1, condLayers: 1, heads: 2, ffDim: 64, dropout: 0, ddimSteps: 5 },
    rhythm: { dim: 32, heads: 2, ffDim: 64 },
    genre: { dim: 32, heads: 2, layers: 1, ffDim: 64 },
  },
  small: {
    cvae: { latentDim: 128, layers: 2, heads: 4, ffDim: 256, dropout: 0.1 },
    "cvae-mlp": { frameDim: 16, hiddenDim: 256, latentDim: 64 },
    edge: { latentDim: 128, layers: 2, condLayers: 1, heads: 4, ffDim: 256, dropout: 0.1, ddimSteps: 20 },
    rhythm: { dim: 64, heads: 4, ffDim: 128 },
    genre: { dim: 64, heads: 4, layers: 2, ffDim: 128 },
  },
};
