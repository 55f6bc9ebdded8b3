/**
 * A minimal pickle writer (protocol 3) for what the trainers of the field `pickle.load`: dicts with str keys
 * whose values are numpy arrays (as numpy's own `ndarray.__reduce__` writes them: `_reconstruct` + BUILD
 * with `(1, shape, dtype, False, bytes)`), numbers and strings. Nothing else; it never writes arbitrary globals.
 */
import type { TypedArray } from "@choreo/core";
import { PickleOut } from "./internal/pickleOut.js";

export interface PickleArray {
  readonly dtype: "float32" | "float64" | "int32" | "int64" | "uint8";
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

export type PickleWritable = number | string | PickleArray;

const descr: Record<PickleArray["dtype"], string> = {
  float32: "f4",
  float64: "f8",
  int32: "i4",
  int64: "i8",
  uint8: "u1",
};

function writeArray(o: PickleOut, a: PickleArray): void {
  o.global("numpy.core.multiarray", "_reconstruct");
  o.global("numpy", "ndarray");
  o.int(0);
  o.byte(0x85); // TUPLE1 → (0,)
  o.byte(0x43, 1, 0x62); // SHORT_BINBYTES b"b"
  o.byte(0x87, 0x52); // TUPLE3, REDUCE
  o.byte(0x28); // MARK: the state tuple
  o.int(1);
  o.byte(0x28);
  for (const d of a.shape) o.int(d);
  o.byte(0x74); // TUPLE → shape
  o.global("numpy", "dtype");
  o.str(descr[a.dtype]);
  o.byte(0x89, 0x88, 0x87, 0x52); // False, True, TUPLE3, REDUCE → dtype
  o.byte(0x28);
  o.int(3);
  o.str(a.dtype === "uint8" ? "|" : "<");
  o.byte(0x4e, 0x4e, 0x4e); // None × 3
  o.int(-1);
  o.int(-1);
  o.int(0);
  o.byte(0x74, 0x62); // TUPLE, BUILD → dtype state
  o.byte(0x89); // not Fortran
  o.byte(0x42); // BINBYTES
  o.u32(a.data.byteLength);
  o.raw(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength));
  o.byte(0x74, 0x62); // TUPLE, BUILD → array state
}

/** Pickles a str-keyed dict of arrays, numbers and strings (protocol 3). */
export function encodePickleDict(dict: Readonly<Record<string, PickleWritable>>): Uint8Array {
  const o = new PickleOut();
  o.byte(0x80, 3, 0x7d, 0x28); // PROTO 3, EMPTY_DICT, MARK
  for (const [k, v] of Object.entries(dict)) {
    o.str(k);
    if (typeof v === "number") o.int(v);
    else if (typeof v === "string") o.str(v);
    else writeArray(o, v);
  }
  o.byte(0x75, 0x2e); // SETITEMS, STOP
  return o.bytes();
}
