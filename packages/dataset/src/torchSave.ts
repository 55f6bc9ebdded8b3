/**
 * `torch.save` in TypeScript: PyTorch's zip container (`<archive>/data.pkl`, `<archive>/byteorder`,
 * `<archive>/data/<key>` raw little-endian storages, `<archive>/version`), entries 64-byte aligned, with the
 * pickle that PyTorch 1.13-2.x writes (protocol 2; tensors via `torch._utils._rebuild_tensor_v2` over
 * persistent-id storages `("storage", torch.<T>Storage, key, "cpu", numel)`). It uses only what
 * `torch.load(..., weights_only=True)` of torch 1.13 allows: no globals beyond the rebuild function, the storage
 * classes and `collections.OrderedDict`. Python floats (BINFLOAT) are the exception: they need torch >= 2.0 with
 * `weights_only=True`. No autograd state, no sparse or quantized tensors, no big-endian hosts.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { TypedArray } from "@choreo/core";
import { UnwritableValue } from "./errors.js";
import { PickleOut } from "./internal/pickleOut.js";
import { createStoredZip, type ByteSink } from "./internal/storedZip.js";

export type TorchDtype = "float32" | "float64" | "int64" | "int32" | "uint8";

/** A storage read only when its bytes are written, so large archives stream (its numel is known up front). */
export interface DeferredStorage {
  readonly numel: number;
  read(): TypedArray;
}

/** A tensor: a view (`shape`, `strides` in elements, `storageOffset`) of a storage; contiguous by default. */
export interface TorchTensor {
  readonly dtype: TorchDtype;
  readonly shape: readonly number[];
  /** The storage; tensors given the same object share one storage in the archive, as in PyTorch. */
  readonly data: TypedArray | DeferredStorage;
  readonly strides?: readonly number[];
  readonly storageOffset?: number;
}

const pyFloatTag: unique symbol = Symbol.for("choreo.pyFloat");

/** A number to be written as a Python float even when it is integral (see `pyFloat`). */
export interface PyFloat {
  readonly [pyFloatTag]: number;
}

/** Marks `value` as a Python float (numbers are ints when integral, floats otherwise). */
export function pyFloat(value: number): PyFloat {
  return { [pyFloatTag]: value };
}

/** What `torch.save` can write here: dicts with str keys, lists, str, int, float, bool, None and tensors. */
export type TorchValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | TorchTensor
  | readonly TorchValue[]
  | { readonly [key: string]: TorchValue };

export interface TorchSaveOptions {
  /** The archive's top folder; `torch.save(obj, "x.pth")` names it `x`. Default "archive". */
  readonly archiveName?: string;
}

const storageClass: Record<TorchDtype, string> = {
  float32: "FloatStorage",
  float64: "DoubleStorage",
  int64: "LongStorage",
  int32: "IntStorage",
  uint8: "ByteStorage",
};

const arrayType: Record<TorchDtype, { readonly name: string }> = {
  float32: Float32Array,
  float64: Float64Array,
  int64: BigInt64Array,
  int32: Int32Array,
  uint8: Uint8Array,
};

interface StorageEntry {
  readonly key: string;
  readonly dtype: TorchDtype;
  readonly source: TypedArray | DeferredStorage;
}

function isTensor(v: object): v is TorchTensor {
  const t = v as Partial<TorchTensor>;
  return (
    typeof t.dtype === "string" &&
    Array.isArray(t.shape) &&
    typeof t.data === "object" &&
    t.data !== null &&
    (ArrayBuffer.isView(t.data) || typeof (t.data as Partial<DeferredStorage>).read === "function")
  );
}

function numelOf(source: TypedArray | DeferredStorage): number {
  return ArrayBuffer.isView(source) ? source.length : source.numel;
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i]!, 1);
  }
  return strides;
}

/** Pickles a value tree, collecting the storages it references (keys "0", "1", … in order of first use). */
class TorchPickler {
  readonly out = new PickleOut();
  readonly storages: StorageEntry[] = [];
  private readonly keys = new Map<object, StorageEntry>();

  value(v: TorchValue, path: string): void {
    const o = this.out;
    if (v === null)
      o.byte(0x4e); // NONE
    else if (typeof v === "boolean")
      o.byte(v ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
    else if (typeof v === "bigint") o.integer(v);
    else if (typeof v === "number") {
      if (Number.isSafeInteger(v)) o.integer(v);
      else o.float(v);
    } else if (typeof v === "string") o.str(v);
    else if (pyFloatTag in v) o.float(v[pyFloatTag]);
    else if (Array.isArray(v)) this.list(v as readonly TorchValue[], path);
    else if (isTensor(v)) this.tensor(v, path);
    else this.dict(v as { readonly [key: string]: TorchValue }, path);
  }

  private list(items: readonly TorchValue[], path: string): void {
    this.out.byte(0x5d); // EMPTY_LIST
    if (items.length === 0) return;
    this.out.byte(0x28); // MARK
    items.forEach((item, i) => this.value(item, `${path}[${i}]`));
    this.out.byte(0x65); // APPENDS
  }

  private dict(d: { readonly [key: string]: TorchValue }, path: string): void {
    this.out.byte(0x7d); // EMPTY_DICT
    const entries = Object.entries(d);
    if (entries.length === 0) return;
    this.out.byte(0x28); // MARK
    for (const [k, item] of entries) {
      this.out.str(k);
      this.value(item, `${path}.${k}`);
    }
    this.out.byte(0x75); // SETITEMS
  }

  private tensor(t: TorchTensor, path: string): void {
    const storage = this.storage(t, path);
    const strides = t.strides ?? contiguousStrides(t.shape);
    const offset = t.storageOffset ?? 0;
    checkView(t, strides, offset, numelOf(storage.source), path);
    const o = this.out;
    o.global("torch._utils", "_rebuild_tensor_v2");
    o.byte(0x28, 0x28); // MARK (args), MARK (persistent id)
    o.str("storage");
    o.global("torch", storageClass[t.dtype]);
    o.str(storage.key);
    o.str("cpu");
    o.integer(numelOf(storage.source));
    o.byte(0x74, 0x51); // TUPLE, BINPERSID
    o.integer(offset);
    o.intTuple(t.shape);
    o.intTuple(strides);
    o.byte(0x89); // requires_grad = False
    o.global("collections", "OrderedDict");
    o.byte(0x29, 0x52); // EMPTY_TUPLE, REDUCE → backward_hooks = OrderedDict()
    o.byte(0x74, 0x52); // TUPLE, REDUCE
  }

  private storage(t: TorchTensor, path: string): StorageEntry {
    if (storageClass[t.dtype] === undefined) throw new UnwritableValue(path, `unsupported dtype ${t.dtype}`);
    if (ArrayBuffer.isView(t.data)) checkArrayType(t.dtype, t.data, path);
    const known = this.keys.get(t.data);
    if (known !== undefined) {
      if (known.dtype !== t.dtype)
        throw new UnwritableValue(path, `shares a storage with a ${known.dtype} tensor but is ${t.dtype}`);
      return known;
    }
    const entry = { key: String(this.storages.length), dtype: t.dtype, source: t.data };
    this.keys.set(t.data, entry);
    this.storages.push(entry);
    return entry;
  }
}

function checkArrayType(dtype: TorchDtype, data: TypedArray, path: string): void {
  // A Buffer is a Uint8Array too, so compare prototypes up the chain rather than constructor names.
  if (!(data instanceof (arrayType[dtype] as unknown as typeof Uint8Array)))
    throw new UnwritableValue(path, `${dtype} tensor needs a ${arrayType[dtype].name}`);
}

function checkView(
  t: TorchTensor,
  strides: readonly number[],
  offset: number,
  numel: number,
  path: string,
): void {
  const ints = (xs: readonly number[]): boolean => xs.every((x) => Number.isInteger(x) && x >= 0);
  if (!ints(t.shape) || !ints(strides) || !ints([offset]) || strides.length !== t.shape.length)
    throw new UnwritableValue(
      path,
      `bad view: shape [${t.shape.join(", ")}], strides [${strides.join(", ")}], offset ${offset}`,
    );
  if (t.shape.some((d) => d === 0)) return;
  const last = t.shape.reduce((at, d, i) => at + (d - 1) * strides[i]!, offset);
  if (last >= numel) throw new UnwritableValue(path, `view reaches element ${last} of a storage of ${numel}`);
}

function bytesOf(dtype: TorchDtype, source: TypedArray | DeferredStorage, key: string): Uint8Array {
  const data = ArrayBuffer.isView(source) ? source : source.read();
  checkArrayType(dtype, data, `storage ${key}`);
  if (data.length !== numelOf(source))
    throw new UnwritableValue(`storage ${key}`, `read ${data.length} elements, announced ${numelOf(source)}`);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Writes the archive of `value` to `sink`, storages read one at a time. */
export function torchSave(value: TorchValue, sink: ByteSink, options: TorchSaveOptions = {}): void {
  const archive = options.archiveName ?? "archive";
  const pickler = new TorchPickler();
  pickler.out.byte(0x80, 2); // PROTO 2
  pickler.value(value, "value");
  pickler.out.byte(0x2e); // STOP
  const zip = createStoredZip(sink);
  zip.add(`${archive}/data.pkl`, [pickler.out.bytes()]);
  zip.add(`${archive}/byteorder`, [new TextEncoder().encode("little")]);
  // parity: torch.save writes storages in the string order of their keys ("0", "1", "10", "2", …).
  const sorted = [...pickler.storages].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const s of sorted) zip.add(`${archive}/data/${s.key}`, [bytesOf(s.dtype, s.source, s.key)]);
  zip.add(`${archive}/version`, [new TextEncoder().encode("3\n")]);
  zip.close();
}

/** The bytes of `torch.save(value)` (small values; use `writeTorchSave` for files). */
export function encodeTorchSave(value: TorchValue, options: TorchSaveOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  torchSave(value, (c) => chunks.push(c), options);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Writes `torch.save(value)` to the file at `path`, streaming storages. */
export function writeTorchSave(path: string, value: TorchValue, options: TorchSaveOptions = {}): void {
  const fd = openSync(path, "w");
  try {
    torchSave(
      value,
      (chunk) => {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      },
      options,
    );
  } finally {
    closeSync(fd);
  }
}
