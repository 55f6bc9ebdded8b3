export { createModel, parseModelConfig } from "./createModel.js";
export { createTransformerCvae, klDivergence } from "./transformerCvae.js";
export type { TransformerCvae } from "./transformerCvae.js";
export { createMlpCvae } from "./mlpCvae.js";
export type { MlpCvae } from "./mlpCvae.js";
export { createEdge } from "./edge.js";
export type { EdgeModel } from "./edge.js";
export { cosineAlphaBars, ddimStep, ddimTimes } from "./diffusion.js";
export { createRhythmEncoder } from "./rhythmEncoder.js";
export type { RhythmEncoder } from "./rhythmEncoder.js";
export { createGenreEncoder } from "./genreEncoder.js";
export type { GenreEncoder } from "./genreEncoder.js";
export { input } from "./model.js";
export type { Batch, LossOptions, LossResult, Model } from "./model.js";
export { createNoise, createUniform, mixSeed } from "./noise.js";
export type { Noise } from "./noise.js";
export { ParamStore } from "./paramStore.js";
export {
  EdgeConfig,
  GenreConfig,
  MlpCvaeConfig,
  MODEL_KINDS,
  ModelConfig,
  presets,
  RhythmConfig,
  TransformerCvaeConfig,
} from "./schema.js";
export type { ModelKind } from "./schema.js";
export { BatchShapeMismatch, isModelsError, ModelConfigInvalid, WeightsMismatch } from "./errors.js";
export type { ModelsError } from "./errors.js";
