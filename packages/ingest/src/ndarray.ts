/**
 * The n-dimensional array that the pickle and .npy readers hand out: a dtype, a shape and a typed array in
 * C (row-major) order, always in the machine's (little-endian) byte order. Fortran-ordered and big-endian
 * input is converted on read. This module does not do arithmetic; it only builds and converts arrays.
 */

/** Typed array behind each dtype; `bool` is stored as 0/1 bytes. */
export interface DTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
}

/** A numeric numpy dtype by name. */
export type DType = keyof DTypeArrays;

/** A numeric array: `data` holds the elements in C order (`data.length` = product of `shape`). */
export type NdArray<TDType extends DType = DType> = {
  [K in TDType]: { readonly dtype: K; readonly shape: readonly number[]; readonly data: DTypeArrays[K] };
}[TDType];

interface DTypeInfo {
  readonly kind: string;
  readonly itemSize: number;
  readonly create: (buffer: ArrayBuffer, offset: number, length: number) => DTypeArrays[DType];
}

/** numpy kind char + item size → dtype name (`f4` → float32). */
export const dtypeInfo: { readonly [K in DType]: DTypeInfo } = {
  float32: { kind: "f", itemSize: 4, create: (b, o, n) => new Float32Array(b, o, n) },
  float64: { kind: "f", itemSize: 8, create: (b, o, n) => new Float64Array(b, o, n) },
  int8: { kind: "i", itemSize: 1, create: (b, o, n) => new Int8Array(b, o, n) },
  int16: { kind: "i", itemSize: 2, create: (b, o, n) => new Int16Array(b, o, n) },
  int32: { kind: "i", itemSize: 4, create: (b, o, n) => new Int32Array(b, o, n) },
  int64: { kind: "i", itemSize: 8, create: (b, o, n) => new BigInt64Array(b, o, n) },
  uint8: { kind: "u", itemSize: 1, create: (b, o, n) => new Uint8Array(b, o, n) },
  uint16: { kind: "u", itemSize: 2, create: (b, o, n) => new Uint16Array(b, o, n) },
  uint32: { kind: "u", itemSize: 4, create: (b, o, n) => new Uint32Array(b, o, n) },
  uint64: { kind: "u", itemSize: 8, create: (b, o, n) => new BigUint64Array(b, o, n) },
  bool: { kind: "b", itemSize: 1, create: (b, o, n) => new Uint8Array(b, o, n) },
};

/** The number of elements of a shape (1 for a 0-d shape). */
export function sizeOfShape(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Wraps a typed array as an array of the given shape (no copy); throws on a length mismatch (misuse). */
export function createNdArray<TDType extends DType>(
  dtype: TDType,
  shape: readonly number[],
  data: DTypeArrays[TDType],
): NdArray<TDType> {
  if (data.length !== sizeOfShape(shape)) {
    throw new RangeError(
      `[ingest] createNdArray: ${data.length} elements do not fill shape (${shape.join(", ")})`,
    );
  }
  return { dtype, shape: [...shape], data };
}

/** True when `value` looks like an NdArray. */
export function isNdArray(value: unknown): value is NdArray {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { dtype?: unknown }).dtype === "string" &&
    (value as { dtype: string }).dtype in dtypeInfo &&
    ArrayBuffer.isView((value as { data?: unknown }).data)
  );
}

/** Converts any numeric array to float32 (int64 through Number; values beyond 2^53 lose precision). */
export function toFloat32(array: NdArray): NdArray<"float32"> {
  if (array.dtype === "float32") return array;
  const out = new Float32Array(array.data.length);
  const src = array.data;
  for (let i = 0; i < out.length; i++) out[i] = Number(src[i]);
  return { dtype: "float32", shape: array.shape, data: out };
}

/** Converts any numeric array to float64. */
export function toFloat64(array: NdArray): NdArray<"float64"> {
  if (array.dtype === "float64") return array;
  const out = new Float64Array(array.data.length);
  const src = array.data;
  for (let i = 0; i < out.length; i++) out[i] = Number(src[i]);
  return { dtype: "float64", shape: array.shape, data: out };
}

/** The elements as plain numbers in C order (for small arrays and JSON). */
export function toNumbers(array: NdArray): number[] {
  return Array.from(array.data as ArrayLike<number | bigint>, Number);
}
