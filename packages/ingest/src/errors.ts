/**
 * Tagged errors of @choreo/ingest. Every message starts with `[ingest]` and names the file and the problem;
 * a cause is attached where there is one. Append new classes here and add them to `IngestError`.
 */
import { TaggedError } from "@choreo/core";

/** A file is not in the format its reader expects (truncated, garbled, wrong shape). */
export class InvalidFormat extends TaggedError {
  readonly _tag = "InvalidFormat";
  constructor(readonly file: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[ingest] ${file}: ${problem}`, options);
  }
}

/** A pickle asks for a global outside the numpy whitelist (code execution); nothing of it was run. */
export class UnsafePickle extends TaggedError {
  readonly _tag = "UnsafePickle";
  constructor(readonly file: string, readonly global: string, options?: { cause?: unknown }) {
    super(`[ingest] ${file}: refused pickle global ${global} (only numpy arrays, dtypes, scalars)`, options);
  }
}

/** A field holds an array of the wrong shape or dtype for its format. */
export class ShapeMismatch extends TaggedError {
  readonly _tag = "ShapeMismatch";
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly actual: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${file}: ${field} should be ${expected}, got ${actual}`, options);
  }
}

/** A file or folder that a dataset layout requires does not exist or cannot be read. */
export class MissingSource extends TaggedError {
  readonly _tag = "MissingSource";
  constructor(readonly file: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[ingest] ${file}: ${problem}`, options);
  }
}

export type IngestError = InvalidFormat | UnsafePickle | ShapeMismatch | MissingSource;

const ingestTags = new Set<string>(["InvalidFormat", "UnsafePickle", "ShapeMismatch", "MissingSource"]);

/** True for any error raised by @choreo/ingest. */
export function isIngestError(value: unknown): value is IngestError {
  return typeof value === "object" && value !== null && ingestTags.has((value as { _tag?: string })._tag ?? "");
}
