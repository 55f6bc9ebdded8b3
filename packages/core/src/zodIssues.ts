/**
 * zod issues as one readable line each, `field: expected ..., got ...` (`splits.train.bytes: expected
 * number, got "12"`), instead of zod's JSON issue arrays. Parse with `{ reportInput: true }` so the bad
 * value can be shown; without it the `got` part is left out.
 */
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/** `a.b[2].c`, or `value` for the root. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out === "" ? "" : "."}${String(p)}`;
  return out === "" ? "value" : out;
}

/** A short description of a value for messages: its JSON (clipped to 40 characters) or its kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = typeof value === "bigint" ? String(value) : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function bound(issue: {
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  origin: string;
}): string {
  const small = issue.minimum !== undefined;
  const limit = String(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive === true ? ">=" : ">") : issue.inclusive === true ? "<=" : "<";
  const unit =
    issue.origin === "string"
      ? " characters"
      : issue.origin === "array" || issue.origin === "set"
        ? " items"
        : "";
  return issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint"
    ? `a number ${op} ${limit}`
    : `${op} ${limit}${unit}`;
}

function expectation(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected === "int" ? "an integer" : issue.expected}`;
    case "too_small":
    case "too_big":
      return `expected ${bound(issue)}`;
    case "invalid_value":
      return `expected ${issue.values.length === 1 ? describeValue(issue.values[0]) : `one of ${issue.values.map(describeValue).join(", ")}`}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
    case "invalid_format":
      return `expected ${issue.format === "regex" && issue.pattern !== undefined ? `text matching ${issue.pattern}` : `a ${issue.format}`}`;
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}`;
    case "invalid_union":
      return issue.errors.length > 0 && issue.errors[0]!.length > 0
        ? expectation(issue.errors[0]![0]!)
        : issue.message;
    case "custom":
    case "invalid_element":
    case "invalid_key":
      return issue.message;
  }
}

/** How issues are printed: at most `max` (default 5), each under the name `name` gives its path. */
export interface FormatIssuesOptions {
  readonly max?: number;
  /** The name of a path (default `issuePath`: `a.b[2]`); "" leaves the name out. */
  readonly name?: (path: readonly PropertyKey[]) => string;
}

/** One line per issue (at most `max`, then a count). */
export function formatZodIssues(
  issues: readonly Issue[],
  options: number | FormatIssuesOptions = {},
): string {
  const { max = 5, name = issuePath } = typeof options === "number" ? { max: options } : options;
  const lines = issues.slice(0, max).map((issue) => {
    const got =
      issue.code === "unrecognized_keys" || !("input" in issue) ? "" : `, got ${describeValue(issue.input)}`;
    const named = name(issue.path);
    return `${named === "" ? "" : `${named}: `}${expectation(issue)}${got}`;
  });
  if (issues.length > max) lines.push(`(${issues.length - max} more)`);
  return lines.join("; ");
}
