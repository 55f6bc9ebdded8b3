/**
 * Path segments taken from data (manifest song keys, item ids, file names in a manifest) before they are
 * joined under a folder: one non-empty name, no separator, no `.` or `..`, no NUL, not absolute, not a
 * Windows drive. It does not check that the file exists or is allowed by the file system otherwise.
 */
import { UnsafePathSegment } from "./errors.js";

function problemOf(value: string): string | undefined {
  if (value === "") return "it is empty";
  if (value.includes("\0")) return "it contains NUL";
  if (value.includes("/") || value.includes("\\")) return "it contains a path separator";
  if (value === "." || value === "..") return "it names a folder, not an entry";
  if (/^[A-Za-z]:/.test(value)) return "it starts with a drive letter";
  return undefined;
}

/** True when `value` can be joined under a folder as one entry without escaping it. */
export function isPathSegment(value: string): boolean {
  return problemOf(value) === undefined;
}

/**
 * Returns `value` when it is one safe path segment; throws UnsafePathSegment (naming `what`, e.g.
 * `song key in JD2021.json`) otherwise.
 */
export function assertPathSegment(value: string, what: string): string {
  const problem = problemOf(value);
  if (problem !== undefined) throw new UnsafePathSegment(value, what, problem);
  return value;
}
