/**
 * Tagged errors of @choreo/render. Every message starts with `[render]` and names the file and the problem;
 * a cause is attached where there is one. Append new classes here and add them to `RenderError`.
 */
import { TaggedError } from "@choreo/core";

/** An input (motion, keypoints, lyrics, shard item) is not something render can draw or export. */
export class UnsupportedRenderInput extends TaggedError {
  readonly _tag = "UnsupportedRenderInput";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[render] ${file}: ${problem}`, options);
  }
}

/** A dataset shard has no item with the asked id. */
export class ItemNotFound extends TaggedError {
  readonly _tag = "ItemNotFound";
  constructor(
    readonly file: string,
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`[render] ${file}: no item '${id}'`, options);
  }
}

/** ffmpeg failed while encoding a preview (exit code and the tail of its stderr in the message). */
export class EncodeFailed extends TaggedError {
  readonly _tag = "EncodeFailed";
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[render] ${file}: ${problem}`, options);
  }
}

/** A rotation order or option value render does not know. */
export class InvalidRenderOption extends TaggedError {
  readonly _tag = "InvalidRenderOption";
  /** An option value (a flag): the CLI exits 2. */
  readonly usage = true;
  constructor(
    readonly option: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[render] option ${option}: ${problem}`, options);
  }
}

export type RenderError = UnsupportedRenderInput | ItemNotFound | EncodeFailed | InvalidRenderOption;

const tags: ReadonlySet<string> = new Set([
  "UnsupportedRenderInput",
  "ItemNotFound",
  "EncodeFailed",
  "InvalidRenderOption",
]);

/** True for any error of this package (by tag, so it works across package copies). */
export function isRenderError(value: unknown): value is RenderError {
  const tag = (value as { _tag?: unknown } | null)?._tag;
  return typeof tag === "string" && tags.has(tag);
}
