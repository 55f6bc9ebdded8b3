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

export type IngestError = InvalidFormat;

const ingestTags = new Set<string>(["InvalidFormat"]);

/** True for any error raised by @choreo/ingest. */
export function isIngestError(value: unknown): value is IngestError {
  return typeof value === "object" && value !== null && ingestTags.has((value as { _tag?: string })._tag ?? "");
}
