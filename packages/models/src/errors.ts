/**
 * Tagged errors of @choreo/models. Every message starts with `[models]`; a cause is attached where there is
 * one. Only misuse throws here (a bad config, a batch of the wrong shape, weights that do not fit a model).
 */
import { TaggedError } from "@choreo/core";

/** A model config is invalid (zod issues in `cause`) or names an unknown model. */
export class ModelConfigInvalid extends TaggedError {
  readonly _tag = "ModelConfigInvalid";
  /** A config value (file or flag): the CLI exits 2. */
  readonly usage = true;
  constructor(
    readonly model: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[models] ${model}: ${problem}`, options);
  }
}

/** A batch tensor is missing or its shape does not match the model's config. */
export class BatchShapeMismatch extends TaggedError {
  readonly _tag = "BatchShapeMismatch";
  constructor(
    readonly input: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[models] input ${input}: ${problem}`, options);
  }
}

/** Weights being loaded do not match the model's parameters (a name missing, or a shape differs). */
export class WeightsMismatch extends TaggedError {
  readonly _tag = "WeightsMismatch";
  constructor(
    readonly param: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[models] parameter ${param}: ${problem}`, options);
  }
}

export type ModelsError = ModelConfigInvalid | BatchShapeMismatch | WeightsMismatch;

const tags = new Set<string>(["ModelConfigInvalid", "BatchShapeMismatch", "WeightsMismatch"]);

/** True for any error raised by @choreo/models. */
export function isModelsError(value: unknown): value is ModelsError {
  return typeof value === "object" && value !== null && tags.has((value as { _tag?: string })._tag ?? "");
}
