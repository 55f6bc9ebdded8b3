/**
 * The whitelist of pickle globals: numpy's array, dtype and scalar reconstructors under both the numpy 1.x
 * (`numpy.core`) and 2.x (`numpy._core`) module names, plus the two builtins that protocol 2 needs to spell
 * bytes. Every other global is refused by the unpickler before anything is called.
 * Semantics follow numpy's `ndarray.__reduce_ex__`/`__setstate__` and `numpy.core.numeric._frombuffer`.
 */
import { arrayFromBytes, byteLengthOf } from "./arrayFromBytes.js";
import { parseDescr } from "./dtypeDescr.js";
import { GlobalRef, PendingArray, PickleDtype, type ObjectArray, type StackValue } from "./pickleTypes.js";
import { sizeOfShape, type NdArray } from "../ndarray.js";

/** A structural problem in the pickle; the unpickler rethrows it as InvalidFormat with the file name. */
export class PickleProblem extends Error {}

const ndarrayClass = new GlobalRef("numpy.ndarray", undefined);

function reconstruct(args: readonly StackValue[]): StackValue {
  if (args[0] !== ndarrayClass) throw new PickleProblem("_reconstruct of a class other than numpy.ndarray");
  return new PendingArray();
}

function makeDtype(args: readonly StackValue[]): StackValue {
  const name = args[0];
  if (typeof name !== "string") throw new PickleProblem("numpy.dtype without a type string");
  const descr = parseDescr(name);
  if (descr === undefined) throw new PickleProblem(`unsupported numpy dtype '${name}'`);
  return new PickleDtype(descr);
}

function scalar(args: readonly StackValue[]): StackValue {
  const [dtype, raw] = args;
  if (!(dtype instanceof PickleDtype)) throw new PickleProblem("numpy scalar without a dtype");
  if (dtype.descr.kind === "object") return raw ?? null;
  return numericArray(dtype, [], false, rawBytes(raw));
}

function fromBuffer(args: readonly StackValue[]): StackValue {
  const [buffer, dtype, shape, order] = args;
  if (!(buffer instanceof Uint8Array)) throw new PickleProblem("_frombuffer without a buffer");
  if (!(dtype instanceof PickleDtype)) throw new PickleProblem("_frombuffer without a dtype");
  if (order !== "C" && order !== "F") throw new PickleProblem("_frombuffer order other than 'C' or 'F'");
  return numericArray(dtype, checkShape(shape), order === "F", buffer);
}

function codecsEncode(args: readonly StackValue[]): StackValue {
  const [text, encoding] = args;
  if (typeof text !== "string" || (encoding !== "latin1" && encoding !== "latin-1")) {
    throw new PickleProblem("_codecs.encode other than (str, 'latin1')");
  }
  return latin1Bytes(text);
}

function bytesOf(args: readonly StackValue[]): StackValue {
  if (args.length === 0) return new Uint8Array(0);
  if (args[0] instanceof Uint8Array) return args[0].slice();
  throw new PickleProblem("bytes()/bytearray() with an argument other than bytes");
}

/** BUILD on the result of `_reconstruct`: state `(version, shape, dtype, is_fortran, data)`. */
export function buildArray(pending: PendingArray, state: StackValue): NdArray | ObjectArray {
  if (!Array.isArray(state)) throw new PickleProblem("ndarray state is not a tuple");
  const tuple = state as readonly StackValue[];
  const [shape, dtype, fortran, data] = tuple.length === 5 ? tuple.slice(1) : tuple;
  if (!(dtype instanceof PickleDtype)) throw new PickleProblem("ndarray state without a dtype");
  const dims = checkShape(shape);
  if (dtype.descr.kind === "object") {
    if (!Array.isArray(data) || data.length !== sizeOfShape(dims)) {
      throw new PickleProblem("object ndarray state does not hold one item per element");
    }
    pending.result = { dtype: "object", shape: dims, data: data as ObjectArray["data"] };
  } else {
    pending.result = numericArray(dtype, dims, fortran === true, rawBytes(data));
  }
  return pending.result;
}

/** BUILD on a dtype: state `(version, byteorder, …)`. */
export function buildDtype(dtype: PickleDtype, state: StackValue): PickleDtype {
  const order = Array.isArray(state) ? (state as readonly StackValue[])[1] : undefined;
  if (typeof order !== "string") throw new PickleProblem("dtype state without a byte order");
  dtype.byteOrder = order;
  return dtype;
}

function numericArray(
  dtype: PickleDtype,
  shape: readonly number[],
  fortran: boolean,
  bytes: Uint8Array,
): NdArray {
  if (dtype.descr.kind !== "numeric") throw new PickleProblem("object dtype where numbers were expected");
  const layout = {
    dtype: dtype.descr.dtype,
    bigEndian: dtype.byteOrder === ">",
    shape,
    fortranOrder: fortran,
  };
  const expected = byteLengthOf(layout);
  if (bytes.length !== expected) {
    throw new PickleProblem(
      `array data holds ${bytes.length} bytes, shape (${shape.join(", ")}) needs ${expected}`,
    );
  }
  return arrayFromBytes(layout, bytes);
}

function checkShape(shape: StackValue | undefined): number[] {
  if (!Array.isArray(shape)) throw new PickleProblem("array shape is not a tuple");
  for (const d of shape as readonly StackValue[]) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0)
      throw new PickleProblem("bad array dimension");
  }
  return [...(shape as number[])];
}

function rawBytes(raw: StackValue | undefined): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  if (typeof raw === "string") return latin1Bytes(raw); // parity: numpy loads Python 2 str data as latin1
  throw new PickleProblem("array data is not bytes");
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 255) throw new PickleProblem("latin1 text holds a character above U+00FF");
    out[i] = code;
  }
  return out;
}

const table = new Map<string, GlobalRef>();
function allow(names: readonly string[], call: (args: readonly StackValue[]) => StackValue): void {
  for (const name of names) table.set(name, new GlobalRef(name, call));
}
table.set("numpy.ndarray", ndarrayClass);
allow(["numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct"], reconstruct);
allow(["numpy.dtype"], makeDtype);
allow(["numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar"], scalar);
allow(["numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer"], fromBuffer);
allow(["_codecs.encode"], codecsEncode);
allow(["__builtin__.bytes", "builtins.bytes", "__builtin__.bytearray", "builtins.bytearray"], bytesOf);

/** The whitelisted global `module.name`, or undefined when it must be refused. */
export function lookupGlobal(module: string, name: string): GlobalRef | undefined {
  return table.get(`${module}.${name}`);
}
