/**
 * Tagged errors of @choreo/dataset. Messages start with `[dataset]` and name the file or folder; a cause is
 * attached where there is one.
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

export type DatasetError = InvalidManifest | MissingColumn;

/** True for any error raised by @choreo/dataset. */
export function isDatasetError(value: unknown): value is DatasetError {
  const tag = tagOf(value);
  return tag === "InvalidManifest" || tag === "MissingColumn";
}
