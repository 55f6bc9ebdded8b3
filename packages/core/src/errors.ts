/**
 * Tagged errors of @choreo/core. Messages start with `[core]`; a cause is attached where there is one.
 * `ActionFailed` wraps whatever a stage threw, with the stage and item, so failure tables can name both.
 */
import { TaggedError, tagOf } from "./taggedError.js";

/** A value cannot be written as canonical JSON. */
export class CanonicalJsonError extends TaggedError {
  readonly _tag = "CanonicalJsonError";
  constructor(readonly path: string, readonly problem: string) {
    super(`[core] canonical JSON at ${path}: ${problem}`);
  }
}

/** A blob or action entry in the store is missing or does not match its digest. */
export class StoreCorrupt extends TaggedError {
  readonly _tag = "StoreCorrupt";
  constructor(readonly file: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[core] store ${file}: ${problem}`, options);
  }
}

/** An artifact's bytes or meta do not match the schema of its kind or of its reader. */
export class InvalidArtifact extends TaggedError {
  readonly _tag = "InvalidArtifact";
  constructor(readonly artifact: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[core] artifact ${artifact}: ${problem}`, options);
  }
}

/** A stage's params, inputs or outputs do not match its declaration. */
export class InvalidStageUse extends TaggedError {
  readonly _tag = "InvalidStageUse";
  constructor(readonly stage: string, readonly problem: string, options?: { cause?: unknown }) {
    super(`[core] stage ${stage}: ${problem}`, options);
  }
}

/** A stage threw (or returned an error) while running one item. */
export class ActionFailed extends TaggedError {
  readonly _tag = "ActionFailed";
  /** The tag of the underlying error, when it had one. */
  readonly causeTag: string | undefined;
  constructor(readonly stage: string, readonly item: string, cause: unknown) {
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
  constructor(readonly file: string, readonly waitedMs: number) {
    super(`[core] lock ${file} still held after ${waitedMs} ms`);
  }
}

/** The build had failed actions; `failures` names each. */
export class BuildFailed extends TaggedError {
  readonly _tag = "BuildFailed";
  constructor(readonly failures: readonly ActionFailed[], readonly cancelled: boolean) {
    super(`[core] build failed: ${failures.length} action(s) failed${cancelled ? ", the rest cancelled" : ""}`);
  }
}

export type CoreError =
  | CanonicalJsonError
  | StoreCorrupt
  | InvalidArtifact
  | InvalidStageUse
  | ActionFailed
  | Cancelled
  | LockTimeout
  | BuildFailed;

const coreTags = new Set<string>([
  "CanonicalJsonError",
  "StoreCorrupt",
  "InvalidArtifact",
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
    cause instanceof Error ? cause.message : typeof cause === "object" ? JSON.stringify(cause) : `${cause as string | number | boolean | undefined}`;
  return tag !== undefined && !message.includes(tag) ? `${tag}: ${message}` : message;
}
