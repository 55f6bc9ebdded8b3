/**
 * Tagged errors of @choreo/ingest. Every message starts with `[ingest]` and names the file and the problem;
 * a cause is attached where there is one. Append new classes here and add them to `IngestError`.
 */
import { TaggedError } from "@choreo/core";

/** A file is not in the format its reader expects (truncated, garbled, wrong shape). */
export class InvalidFormat extends TaggedError {
  readonly _tag = "InvalidFormat";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${file}: ${problem}`, options);
  }
}

/** A pickle asks for a global outside the numpy whitelist (code execution); nothing of it was run. */
export class UnsafePickle extends TaggedError {
  readonly _tag = "UnsafePickle";
  constructor(
    readonly file: string,
    readonly global: string,
    options?: { cause?: unknown },
  ) {
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
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${file}: ${problem}`, options);
  }
}

/** A media file has no audio stream to decode. */
export class NoAudioStream extends TaggedError {
  readonly _tag = "NoAudioStream";
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${file}: no audio stream`, options);
  }
}

/** A media file has no video stream to decode. */
export class NoVideoStream extends TaggedError {
  readonly _tag = "NoVideoStream";
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${file}: no video stream`, options);
  }
}

/** ffmpeg/ffprobe could not read or decode a media file (truncated, corrupt, unsupported). */
export class DecodeFailed extends TaggedError {
  readonly _tag = "DecodeFailed";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${file}: ${problem}`, options);
  }
}

/** An external tool (ffmpeg, ffprobe, yt-dlp) is not installed or cannot run. */
export class ToolMissing extends TaggedError {
  readonly _tag = "ToolMissing";
  constructor(
    readonly tool: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${tool}: ${problem}`, options);
  }
}

/** A source URL could not be fetched (network down, video gone, bad URL). */
export class DownloadFailed extends TaggedError {
  readonly _tag = "DownloadFailed";
  constructor(
    readonly url: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[ingest] ${url}: ${problem}`, options);
  }
}

/** Frames a sequence needs are absent from a motion file (e.g. gaps in smplfull.json). */
export class MissingFrames extends TaggedError {
  readonly _tag = "MissingFrames";
  constructor(
    readonly file: string,
    readonly missing: readonly string[],
    options?: { cause?: unknown },
  ) {
    const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ", …" : "");
    super(`[ingest] ${file}: ${missing.length} frame(s) missing (${shown})`, options);
  }
}

export type IngestError =
  | InvalidFormat
  | UnsafePickle
  | ShapeMismatch
  | MissingSource
  | NoAudioStream
  | NoVideoStream
  | DecodeFailed
  | ToolMissing
  | DownloadFailed
  | MissingFrames;

const ingestTags = new Set<string>([
  "InvalidFormat",
  "UnsafePickle",
  "ShapeMismatch",
  "MissingSource",
  "NoAudioStream",
  "NoVideoStream",
  "DecodeFailed",
  "ToolMissing",
  "DownloadFailed",
  "MissingFrames",
]);

/** True for any error raised by @choreo/ingest. */
export function isIngestError(value: unknown): value is IngestError {
  return (
    typeof value === "object" && value !== null && ingestTags.has((value as { _tag?: string })._tag ?? "")
  );
}
