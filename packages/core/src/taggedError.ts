/**
 * The base of every choreo error: a tag (`_tag`) that callers switch on, a package-prefixed message and a
 * cause. Guards compare tags, never `instanceof`, so errors stay recognisable across package copies and
 * worker threads (where only plain data survives).
 */

/** Base class for tagged errors. Subclasses set `readonly _tag = "Name"` and prefix messages with `[pkg]`. */
export abstract class TaggedError extends Error {
  abstract readonly _tag: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** True when `value` is an error-like object carrying `_tag === tag`. */
export function isTagged<TTag extends string>(
  value: unknown,
  tag: TTag,
): value is { _tag: TTag; message: string } {
  return typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === tag;
}

/** The tag of an error-like value, or undefined. */
export function tagOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const tag = (value as { _tag?: unknown })._tag;
  return typeof tag === "string" ? tag : undefined;
}
