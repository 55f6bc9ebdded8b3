/**
 * Tagged errors of @choreo/core. Messages start with `[core]`; a cause is attached where there is one.
 * `ActionFailed` wraps whatever a stage threw, with the stage and item, so failure tables can name both.
 */
import { TaggedError, tagOf } from "./taggedError.js";

/** A value cannot be written as canonical JSON. */
export class CanonicalJsonError extends TaggedError {
  readonly _tag = "CanonicalJsonError";
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`[core] canonical JSON at ${path}: ${problem}`);
  }
}

/** A blob or action entry in the store is missing or does not match its digest. */
export class StoreCorrupt extends TaggedError {
  readonly _tag = "StoreCorrupt";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[core] store ${file}: ${problem}`, options);
  }
}

/** An artifact's bytes or meta do not match the schema of its kind or of its reader. */
export class InvalidArtifact extends TaggedError {
  readonly _tag = "InvalidArtifact";
  constructor(
    readonly artifact: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[core] artifact ${artifact}: ${problem}`, options);
  }
}

/** The store is locked in a mode that excludes the one asked for (a build during gc, or gc during a build). */
export class StoreBusy extends TaggedError {
  readonly _tag = "StoreBusy";
  constructor(
    readonly root: string,
    readonly wanted: "shared" | "exclusive",
    readonly holders: string,
  ) {
    super(
      `[core] store ${root} is busy (${holders}); ${wanted === "exclusive" ? "gc" : "the build"} did not start`,
    );
  }
}

/** A safetensors file or buffer breaks the format (header, dtype, shape or byte ranges). */
export class InvalidSafetensors extends TaggedError {
  readonly _tag = "InvalidSafetensors";
  constructor(
    readonly file: string,
    readonly tensor: string | undefined,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `[core] safetensors ${file}${tensor === undefined ? "" : ` tensor ${tensor}`}: ${problem}`,
      options,
    );
  }
}

/** A JSON file cannot be read, parsed or does not match its schema. */
export class InvalidJsonFile extends TaggedError {
  readonly _tag = "InvalidJsonFile";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[core] ${file}: ${problem}`, options);
  }
}

/** A path segment taken from data (a song key, an item id, a file name) could escape its folder. */
export class UnsafePathSegment extends TaggedError {
  readonly _tag = "UnsafePathSegment";
  constructor(
    readonly value: string,
    readonly what: string,
    readonly problem: string,
  ) {
    super(`[core] ${what} ${JSON.stringify(value)} cannot be a path segment: ${problem}`);
  }
}

/** A path that should be a regular file is a directory, FIFO, socket or device. */
export class NotRegularFile extends TaggedError {
  readonly _tag = "NotRegularFile";
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`[core] ${file} is ${kind}, not a regular file`);
  }
}

/** A command-line value is not allowed: `--fps: expected a number > 0, got 0`. Misuse: the CLI exits 2. */
export class InvalidOption extends TaggedError {
  readonly _tag = "InvalidOption";
  readonly usage = true;
  constructor(
    readonly flag: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[core] ${flag}: ${problem}`, options);
  }
}

/** Motion or feature values that are NaN or infinite, found where they enter. */
export class NonFiniteValues extends TaggedError {
  readonly _tag = "NonFiniteValues";
  constructor(
    readonly file: string,
    readonly what: string,
    readonly index: number,
    readonly value: number,
  ) {
    super(`[core] ${file}: ${what} value ${index} is ${value}; ${what} values must be finite numbers`);
  }
}

/** The store (cache) folder cannot be created or written: read-only, no permission, or a file in the way. */
export class StoreUnwritable extends TaggedError {
  readonly _tag = "StoreUnwritable";
  constructor(
    readonly path: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(
      `[core] cache ${path}: ${errnoText(code)}; choose another cache with --cache DIR or CHOREO_CACHE`,
      options,
    );
  }
}

function errnoText(code: string): string {
  switch (code) {
    case "EROFS":
      return "on a read-only file system (EROFS)";
    case "EACCES":
    case "EPERM":
      return `not writable (${code}: permission denied)`;
    case "EEXIST":
    case "ENOTDIR":
      return `a file is in the way where a folder should be (${code})`;
    case "EISDIR":
      return "a folder is in the way where a file should be (EISDIR)";
    case "ENOSPC":
      return "the disk is full (ENOSPC)";
    default:
      return `cannot be written (${code})`;
  }
}

/** A stage's params, inputs or outputs do not match its declaration. */
export class InvalidStageUse extends TaggedError {
  readonly _tag = "InvalidStageUse";
  constructor(
    readonly stage: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[core] stage ${stage}: ${problem}`, options);
  }
}

/** A stage threw (or returned an error) while running one item. */
export class ActionFailed extends TaggedError {
  readonly _tag = "ActionFailed";
  /** The tag of the underlying error, when it had one. */
  readonly causeTag: string | undefined;
  constructor(
    readonly stage: string,
    readonly item: string,
    cause: unknown,
  ) {
    super(`[core] ${stage} failed on ${item}: ${describeCause(cause)}`, { cause });
    this.causeTag = tagOf(cause);
  }
}

/** The build was cancelled (SIGINT, or an earlier failure without --keep-going) before this action ran. */
export class Cancelled extends TaggedError {
  readonly _tag = "Cancelled";
  constructor(readonly reason: string) {
    super(`[core] cancelled: ${reason}`);
  }
}

/** A lock could not be taken in time. */
export class LockTimeout extends TaggedError {
  readonly _tag = "LockTimeout";
  constructor(
    readonly file: string,
    readonly waitedMs: number,
  ) {
    super(`[core] lock ${file} still held after ${waitedMs} ms`);
  }
}

/** The build had failed actions; `failures` names each. */
export class BuildFailed extends TaggedError {
  readonly _tag = "BuildFailed";
  constructor(
    readonly failures: readonly ActionFailed[],
    readonly cancelled: boolean,
  ) {
    super(
      `[core] build failed: ${failures.length} action(s) failed${cancelled ? ", the rest cancelled" : ""}`,
    );
  }
}

export type CoreError =
  | CanonicalJsonError
  | StoreCorrupt
  | InvalidArtifact
  | StoreBusy
  | InvalidSafetensors
  | InvalidJsonFile
  | UnsafePathSegment
  | NotRegularFile
  | InvalidOption
  | NonFiniteValues
  | StoreUnwritable
  | InvalidStageUse
  | ActionFailed
  | Cancelled
  | LockTimeout
  | BuildFailed;

const coreTags = new Set<string>([
  "CanonicalJsonError",
  "StoreCorrupt",
  "InvalidArtifact",
  "StoreBusy",
  "InvalidSafetensors",
  "InvalidJsonFile",
  "UnsafePathSegment",
  "NotRegularFile",
  "InvalidOption",
  "NonFiniteValues",
  "StoreUnwritable",
  "InvalidStageUse",
  "ActionFailed",
  "Cancelled",
  "LockTimeout",
  "BuildFailed",
]);

/** True for any error raised by @choreo/core. */
export function isCoreError(value: unknown): value is CoreError {
  const tag = tagOf(value);
  return tag !== undefined && coreTags.has(tag);
}

/** One line describing a thrown value, its tag first when it has one. */
export function describeCause(cause: unknown): string {
  const tag = tagOf(cause);
  const message =
    cause instanceof Error
      ? cause.message
      : typeof cause === "object"
        ? JSON.stringify(cause)
        : `${cause as string | number | boolean | undefined}`;
  return tag !== undefined && !message.includes(tag) ? `${tag}: ${message}` : message;
}
