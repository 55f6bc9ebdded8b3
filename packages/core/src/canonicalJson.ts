/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers as JavaScript prints them.
 * Used for action keys and digests, so the same value always gives the same bytes. It refuses what JSON cannot
 * carry faithfully (NaN, Infinity, undefined inside arrays, functions, bigints, typed arrays) instead of
 * silently changing it.
 */
import { CanonicalJsonError } from "./errors.js";

/** Serialises `value` canonically. Object properties whose value is `undefined` are omitted, as JSON does. */
export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

function write(value: unknown, path: string): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `non-finite number ${value}`);
      return Object.is(value, -0) ? "0" : JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(",")}]`;
      if (ArrayBuffer.isView(value)) throw new CanonicalJsonError(path, "typed arrays are not JSON");
      const keys = Object.keys(value).sort();
      const parts: string[] = [];
      for (const key of keys) {
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${write(v, `${path}.${key}`)}`);
      }
      return `{${parts.join(",")}}`;
    }
    case "bigint":
    case "function":
    case "symbol":
    case "undefined":
      throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  }
}
