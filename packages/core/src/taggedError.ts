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

/**
 * True for an error caused by how choreo was called (a bad flag or config value): it carries `usage: true`.
 * Everything else (a bad file, a failed action) is a data error.
 */
export function isUsageError(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { usage?: unknown }).usage === true;
}

/** The CLI's exit status for an error: 2 for misuse (`isUsageError`), 1 for everything else. */
export function exitCodeOf(error: unknown): 1 | 2 {
  return isUsageError(error) ? 2 : 1;
}
