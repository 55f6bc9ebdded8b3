/**
 * Item-by-item reads of a dataset shard (the safetensors files `shardStage` writes), so exports walk
 * multi-gigabyte shards without loading them: item i of a stacked tensor is slice i of its first axis, of a
 * ragged one rows `offsets[i]..offsets[i+1]` (`<name>.offsets`). Ids come from the `ids` metadata.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { dtypeSize, shapeSize, type DType, type Tensor, type TypedArray } from "@choreo/core";
import { readSafetensorsHeader, type SafetensorsHeader } from "./shardHeader.js";

export interface ShardReader {
  readonly header: SafetensorsHeader;
  /** Item ids in shard order (`meta.id` of each window). */
  readonly ids: readonly string[];
  has(name: string): boolean;
  /** The shape of item `index` of tensor `name`, without reading its data. */
  itemShape(name: string, index: number): number[];
  /** Item `index` of tensor `name`, a fresh C-order tensor. */
  item(name: string, index: number): Tensor;
  close(): void;
}

function typedArray(dtype: DType, buffer: ArrayBuffer): TypedArray {
  switch (dtype) {
    case "F64":
      return new Float64Array(buffer);
    case "F32":
      return new Float32Array(buffer);
    case "I64":
      return new BigInt64Array(buffer);
    case "I32":
      return new Int32Array(buffer);
    case "I16":
      return new Int16Array(buffer);
    case "I8":
      return new Int8Array(buffer);
    case "U8":
    case "BOOL":
      return new Uint8Array(buffer);
    case "U16":
      return new Uint16Array(buffer);
    case "U32":
      return new Uint32Array(buffer);
  }
}

/** Opens the shard at `path` for item reads (close it when done). */
export function openShardReader(path: string): ShardReader {
  const header = readSafetensorsHeader(path);
  const fd = openSync(path, "r");
  const lengthBytes = Buffer.alloc(8);
  readSync(fd, lengthBytes, 0, 8, 0);
  const dataStart = 8 + Number(lengthBytes.readBigUInt64LE(0));
  const readBytes = (byteOffset: number, bytes: number): ArrayBuffer => {
    const buffer = new ArrayBuffer(bytes);
    const view = new Uint8Array(buffer);
    for (let at = 0; at < bytes;) {
      const n = readSync(fd, view, at, bytes - at, dataStart + byteOffset + at);
      if (n === 0) throw new RangeError(`[dataset] ${path}: ends inside a tensor`);
      at += n;
    }
    return buffer;
  };
  const spec = (name: string) => {
    const t = header.tensors[name];
    if (t === undefined) throw new RangeError(`[dataset] ${path}: no tensor ${name}`);
    return t;
  };
  const offsetsCache = new Map<string, BigInt64Array>();
  const offsets = (name: string): BigInt64Array | undefined => {
    const key = `${name}.offsets`;
    if (header.tensors[key] === undefined) return undefined;
    if (!offsetsCache.has(key)) {
      const o = spec(key);
      offsetsCache.set(
        key,
        new BigInt64Array(readBytes(o.data_offsets[0], o.data_offsets[1] - o.data_offsets[0])),
      );
    }
    return offsetsCache.get(key);
  };
  const rowsOf = (name: string, index: number): { first: number; rows: number; ragged: boolean } => {
    const t = spec(name);
    const o = offsets(name);
    const first = o === undefined ? index : Number(o[index]!);
    const rows = o === undefined ? 1 : Number(o[index + 1]!) - first;
    if (!(Number.isInteger(first) && first >= 0 && rows >= 0 && first + rows <= (t.shape[0] ?? 0)))
      throw new RangeError(`[dataset] ${path}: item ${index} is outside tensor ${name}`);
    return { first, rows, ragged: o !== undefined };
  };
  return {
    header,
    ids: JSON.parse(header.metadata.ids ?? "[]") as string[],
    has: (name) => header.tensors[name] !== undefined,
    itemShape(name, index) {
      const { rows, ragged } = rowsOf(name, index);
      const rowShape = spec(name).shape.slice(1);
      return ragged ? [rows, ...rowShape] : rowShape;
    },
    item(name, index) {
      const t = spec(name);
      const { first, rows, ragged } = rowsOf(name, index);
      const rowShape = t.shape.slice(1);
      const rowBytes = shapeSize(rowShape) * dtypeSize(t.dtype);
      const data = typedArray(t.dtype, readBytes(t.data_offsets[0] + first * rowBytes, rows * rowBytes));
      return { dtype: t.dtype, shape: ragged ? [rows, ...rowShape] : rowShape, data };
    },
    close: () => closeSync(fd),
  };
}
