/**
 * Typed access to the dicts and arrays of a decoded pickle, with tagged errors that name the file and
 * the field: a missing key or a non-dict is InvalidFormat, an array of the wrong shape is ShapeMismatch.
 */
import { InvalidFormat, ShapeMismatch } from "../errors.js";
import { isNdArray, type NdArray } from "../ndarray.js";
import type { PickleDict, PickleValue } from "./pickleTypes.js";

export function asDict(value: PickleValue, file: string): PickleDict {
  if (!(value instanceof Map)) throw new InvalidFormat(file, "the pickle does not hold a dict");
  return value;
}

export function field(dict: PickleDict, key: string, file: string): PickleValue {
  if (!dict.has(key)) throw new InvalidFormat(file, `no '${key}' entry`);
  return dict.get(key)!;
}

/** A numeric array whose shape matches `pattern` (`undefined` entries match any length). */
export function arrayOfShape(
  value: PickleValue,
  pattern: readonly (number | undefined)[],
  where: { file: string; field: string },
): NdArray {
  const expected = `an array of shape (${pattern.map((d) => d ?? "N").join(", ")})`;
  if (!isNdArray(value)) throw new ShapeMismatch(where.file, where.field, expected, describe(value));
  const ok =
    value.shape.length === pattern.length && pattern.every((d, i) => d === undefined || d === value.shape[i]);
  if (!ok || value.dtype === "bool")
    throw new ShapeMismatch(where.file, where.field, expected, describe(value));
  return value;
}

/** A short description of a value for error messages: `float32 (4, 70)`, `str`, `dict`. */
export function describe(value: PickleValue | undefined): string {
  if (isNdArray(value)) return `${value.dtype} (${value.shape.join(", ")})`;
  if (value instanceof Map) return "dict";
  if (Array.isArray(value)) return `a sequence of ${value.length}`;
  if (value === null) return "None";
  return typeof value;
}
