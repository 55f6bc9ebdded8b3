/**
 * Builds any model from a config object (validated here: configs enter from files and the CLI), with a
 * preset's sizes merged under the caller's values.
 */
import { formatZodIssues } from "@choreo/core";
import { createEdge } from "./edge.js";
import { ModelConfigInvalid } from "./errors.js";
import { createGenreEncoder } from "./genreEncoder.js";
import type { Model } from "./model.js";
import { createMlpCvae } from "./mlpCvae.js";
import { createRhythmEncoder } from "./rhythmEncoder.js";
import { ModelConfig, presets } from "./schema.js";
import { createTransformerCvae } from "./transformerCvae.js";

/** Parses a model config (defaults filled, `preset` sizes under explicit values); throws ModelConfigInvalid. */
export function parseModelConfig(raw: unknown, preset?: "tiny" | "small"): ModelConfig {
  const obj = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const kind = typeof obj.model === "string" ? obj.model : "?";
  const base =
    preset === undefined ? {} : ((presets[preset] as Record<string, Record<string, unknown>>)[kind] ?? {});
  const parsed = ModelConfig.safeParse({ ...base, ...obj }, { reportInput: true });
  if (!parsed.success)
    throw new ModelConfigInvalid(kind, formatZodIssues(parsed.error.issues), { cause: parsed.error });
  const c = parsed.data;
  const heads = "heads" in c ? c.heads : 1;
  const width =
    c.model === "rhythm" || c.model === "genre" ? c.dim : c.model === "cvae-mlp" ? heads : c.latentDim;
  if (width % heads !== 0)
    throw new ModelConfigInvalid(kind, `width ${width} is not divisible by ${heads} heads`);
  if (c.model === "edge" && c.latentDim % 2 !== 0)
    throw new ModelConfigInvalid(kind, "latentDim must be even (rotary pairs)");
  return c;
}

/** A model with seeded initial weights for `config`. */
export function createModel(config: ModelConfig): Model {
  switch (config.model) {
    case "cvae":
      return createTransformerCvae(config);
    case "cvae-mlp":
      return createMlpCvae(config);
    case "edge":
      return createEdge(config);
    case "rhythm":
      return createRhythmEncoder(config);
    case "genre":
      return createGenreEncoder(config);
  }
}
