/**
 * Tagged errors of @choreo/dataset. Every message starts with `[dataset]`; a cause is attached where there is
 * one. Append new classes here and add them to `DatasetError`.
 */
import { TaggedError } from "@choreo/core";

/** A dataset lacks what an export needs (a tensor, a recipe, a shape): a configuration problem. */
export class ExportInputMismatch extends TaggedError {
  readonly _tag = "ExportInputMismatch";
  constructor(
    readonly exportName: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[dataset] ${exportName} export: ${problem}`, options);
  }
}

/** An export would exceed what its container format can hold. */
export class ExportTooLarge extends TaggedError {
  readonly _tag = "ExportTooLarge";
  constructor(
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[dataset] ${problem}`, options);
  }
}

/** A value cannot be written in the requested format (wrong dtype for its data, a stride past the storage). */
export class UnwritableValue extends TaggedError {
  readonly _tag = "UnwritableValue";
  constructor(
    readonly path: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[dataset] ${path}: ${problem}`, options);
  }
}

export type DatasetError = ExportInputMismatch | ExportTooLarge | UnwritableValue;

const tags: ReadonlySet<string> = new Set(["ExportInputMismatch", "ExportTooLarge", "UnwritableValue"]);

/** True for an error of this package (by tag). */
export function isDatasetError(value: unknown): value is DatasetError {
  const tag = (value as { _tag?: unknown } | null)?._tag;
  return typeof tag === "string" && tags.has(tag);
}
