/**
 * Raw numpy element bytes → NdArray: copies into an aligned buffer, swaps big-endian items to the machine
 * order and reorders Fortran (column-major) data to C order. Callers check the byte count beforehand.
 */
import { dtypeInfo, sizeOfShape, type DType, type NdArray } from "../ndarray.js";

/** How the bytes are laid out: `>` big-endian, `<`/`|`/`=` little or not applicable. */
export interface RawLayout {
  readonly dtype: DType;
  readonly bigEndian: boolean;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
}

/** The byte count that `layout` needs. */
export function byteLengthOf(layout: Pick<RawLayout, "dtype" | "shape">): number {
  return sizeOfShape(layout.shape) * dtypeInfo[layout.dtype].itemSize;
}

/** Builds the C-ordered array; `bytes.length` must equal `byteLengthOf(layout)`. */
export function arrayFromBytes(layout: RawLayout, bytes: Uint8Array): NdArray {
  const info = dtypeInfo[layout.dtype];
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (layout.bigEndian && info.itemSize > 1) swapBytes(copy, info.itemSize);
  const length = bytes.length / info.itemSize;
  let data = info.create(copy.buffer, 0, length);
  if (layout.fortranOrder && layout.shape.length > 1) data = fortranToC(data, layout.shape, info);
  return { dtype: layout.dtype, shape: [...layout.shape], data } as NdArray;
}

function swapBytes(bytes: Uint8Array, itemSize: number): void {
  for (let i = 0; i < bytes.length; i += itemSize) {
    for (let a = i, b = i + itemSize - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

type AnyTyped = { length: number; [i: number]: number | bigint };

/** Column-major → row-major by walking C order with an odometer over the Fortran strides. */
function fortranToC<T extends DTypeArraysValue>(src: T, shape: readonly number[], info: DTypeInfoLike): T {
  const ndim = shape.length;
  const stridesF: number[] = [];
  let stride = 1;
  for (let k = 0; k < ndim; k++) {
    stridesF.push(stride);
    stride *= shape[k]!;
  }
  const out = info.create(new ArrayBuffer(src.byteLength), 0, src.length) as T;
  const s = src as unknown as AnyTyped;
  const o = out as unknown as AnyTyped;
  const index = new Array<number>(ndim).fill(0);
  const last = ndim - 1;
  const lastLen = shape[last]!;
  const lastStride = stridesF[last]!;
  let offsetF = 0;
  for (let c = 0; c < o.length; c += lastLen) {
    for (let j = 0; j < lastLen; j++) o[c + j] = s[offsetF + j * lastStride]!;
    // advance the odometer over the leading axes
    for (let k = last - 1; k >= 0; k--) {
      index[k]!++;
      offsetF += stridesF[k]!;
      if (index[k]! < shape[k]!) break;
      offsetF -= stridesF[k]! * shape[k]!;
      index[k] = 0;
    }
  }
  return out;
}

type DTypeArraysValue = NdArray["data"];
type DTypeInfoLike = (typeof dtypeInfo)[DType];
