/**
 * One numeric array written the way choreo's CLI hands arrays out: JSON `{ shape, dtype, data, ...extra }`,
 * numpy `.npy`, or `.safetensors` (tensor `features`, extra values as metadata strings), chosen by extension.
 * int64 data is held as Int32Array in memory and widened on write. Reading back gives the values as float32.
 */
import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import {
  assertFinite,
  decodeSafetensors,
  encodeSafetensors,
  parseJsonText,
  type DType as TensorDType,
  type TypedArray,
} from "@choreo/core";
import { InvalidFormat } from "./errors.js";
import { createNdArray } from "./ndarray.js";
import { encodeNpy } from "./npy.js";

/** A C-order array with its shape and numpy dtype name. */
export interface NumericArray {
  readonly shape: readonly number[];
  readonly dtype: "float32" | "float64" | "int64";
  readonly data: Float32Array | Float64Array | Int32Array;
}

/** `{ shape, dtype, data, ...extra }` as one JSON line. */
export function arrayJson(array: NumericArray, extra: Readonly<Record<string, number>> = {}): string {
  return `${JSON.stringify({ shape: array.shape, dtype: array.dtype, data: Array.from(array.data), ...extra })}\n`;
}

function widened(data: NumericArray["data"]): BigInt64Array {
  return BigInt64Array.from(Array.from(data, (v) => BigInt(v)));
}

/** Writes `array` to `path` as .json, .npy or .safetensors; InvalidFormat for any other extension. */
export async function writeArrayFile(
  path: string,
  array: NumericArray,
  extra: Readonly<Record<string, number>> = {},
): Promise<void> {
  const { shape, dtype, data } = array;
  switch (extname(path).toLowerCase()) {
    case ".json":
      return writeFile(path, arrayJson(array, extra));
    case ".npy": {
      const nd =
        dtype === "int64"
          ? createNdArray("int64", shape, widened(data))
          : createNdArray(dtype, shape, data as Float32Array & Float64Array);
      return writeFile(path, encodeNpy(nd));
    }
    case ".safetensors": {
      const st: TensorDType = dtype === "float32" ? "F32" : dtype === "float64" ? "F64" : "I64";
      const tensor: TypedArray = dtype === "int64" ? widened(data) : data;
      const meta = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)]));
      return writeFile(
        path,
        encodeSafetensors({ features: { dtype: st, shape: [...shape], data: tensor } }, meta),
      );
    }
    default:
      throw new InvalidFormat(path, "an array file must end in .json, .npy or .safetensors");
  }
}

/** `values`, once checked finite (NonFiniteValues) and not empty. */
function finite(values: Float32Array, path: string, what: string): Float32Array {
  if (values.length === 0) throw new InvalidFormat(path, `${what}: no values`);
  assertFinite(values, path, what);
  return values;
}

/**
 * The values of an array file as float32: `.json` (`{ data }`) or `.safetensors` (the tensor named `tensor`,
 * else `features`, else the first); InvalidFormat when there is none or it is empty, NonFiniteValues for a
 * NaN or infinity.
 */
export async function readArrayValues(path: string, tensor = "features"): Promise<Float32Array> {
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new InvalidFormat(path, "cannot read the array file", { cause });
  });
  if (extname(path).toLowerCase() === ".json") {
    const json = parseJsonText(bytes.toString("utf8"), path) as { data?: unknown };
    if (!Array.isArray(json.data) || !json.data.every((v) => typeof v === "number"))
      throw new InvalidFormat(path, "no data array of numbers");
    return finite(Float32Array.from(json.data), path, tensor);
  }
  const { tensors } = decodeSafetensors(bytes, path);
  const t = tensors[tensor] ?? tensors.features ?? Object.values(tensors)[0];
  if (t === undefined) throw new InvalidFormat(path, "holds no tensor");
  return finite(Float32Array.from(t.data as Float32Array), path, tensor);
}
