/**
 * Tagged errors of @choreo/dataset. Every message starts with `[dataset]` and names the file or export; a cause
 * is attached where there is one. Append new classes here and add them to `DatasetError`.
 */
import { TaggedError, tagOf } from "@choreo/core";

/** A dataset folder's manifest.json is missing, not JSON, or not a choreo dataset manifest. */
export class InvalidManifest extends TaggedError {
  readonly _tag = "InvalidManifest";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[dataset] ${file}: ${problem}`, options);
  }
}

/** A tensor has no column of that name in the manifest's `columns`. */
export class MissingColumn extends TaggedError {
  readonly _tag = "MissingColumn";
  constructor(
    readonly tensor: string,
    readonly column: string,
    readonly available: readonly string[],
  ) {
    super(
      available.length === 0
        ? `[dataset] tensor ${tensor} has no named columns (the manifest's columns.${tensor} is missing); needed: ${column}`
        : `[dataset] tensor ${tensor} has no column ${column}; its columns: ${available.join(", ")}`,
    );
  }
}

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

/** A shard of a dataset folder does not match its manifest (missing, wrong size or wrong sha256). */
export class ShardMismatch extends TaggedError {
  readonly _tag = "ShardMismatch";
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`[dataset] shard ${file}: ${problem}`);
  }
}

export type DatasetError =
  InvalidManifest | MissingColumn | ExportInputMismatch | ExportTooLarge | UnwritableValue | ShardMismatch;

const tags: ReadonlySet<string> = new Set([
  "InvalidManifest",
  "MissingColumn",
  "ExportInputMismatch",
  "ExportTooLarge",
  "UnwritableValue",
  "ShardMismatch",
]);

/** True for an error of this package (by tag). */
export function isDatasetError(value: unknown): value is DatasetError {
  const tag = tagOf(value);
  return tag !== undefined && tags.has(tag);
}
