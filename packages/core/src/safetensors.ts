/**
 * safetensors encoding and decoding (https://github.com/huggingface/safetensors, format v1): an 8-byte
 * little-endian header length, a JSON header padded with spaces to a multiple of 8 bytes so every tensor is
 * 8-byte aligned, then the raw little-endian data. Tensors are laid out in name order, so equal inputs give
 * equal bytes. Streaming shard writers live in @choreo/dataset; this is the in-memory codec for artifacts.
 */
import { InvalidStageUse } from "./errors.js";
import { checkSafetensorsPrefix, parseSafetensorsLayout } from "./safetensorsLayout.js";

export type DType = "F64" | "F32" | "I64" | "I32" | "I16" | "I8" | "U8" | "U16" | "U32" | "BOOL";

export type TypedArray =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

/** A dense tensor in C order. */
export interface Tensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

const bytesPerElement: Record<DType, number> = {
  F64: 8,
  F32: 4,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  U16: 2,
  U32: 4,
  BOOL: 1,
};

/** Bytes per element of a dtype. */
export function dtypeSize(dtype: DType): number {
  return bytesPerElement[dtype];
}

function viewOf(dtype: DType, buffer: ArrayBuffer, byteOffset: number, length: number): TypedArray {
  switch (dtype) {
    case "F64":
      return new Float64Array(buffer, byteOffset, length);
    case "F32":
      return new Float32Array(buffer, byteOffset, length);
    case "I64":
      return new BigInt64Array(buffer, byteOffset, length);
    case "I32":
      return new Int32Array(buffer, byteOffset, length);
    case "I16":
      return new Int16Array(buffer, byteOffset, length);
    case "I8":
      return new Int8Array(buffer, byteOffset, length);
    case "U8":
    case "BOOL":
      return new Uint8Array(buffer, byteOffset, length);
    case "U16":
      return new Uint16Array(buffer, byteOffset, length);
    case "U32":
      return new Uint32Array(buffer, byteOffset, length);
  }
}

/** Number of elements of a shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** The JSON header of a safetensors file, padded to a multiple of 8 bytes, with its tensors' byte ranges. */
export function safetensorsHeader(
  entries: readonly { name: string; dtype: DType; shape: readonly number[] }[],
  metadata: Readonly<Record<string, string>> = {},
): { header: Uint8Array; dataBytes: number } {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const e of entries) {
    const bytes = shapeSize(e.shape) * bytesPerElement[e.dtype];
    header[e.name] = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded).fill(0x20);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  return { header: out, dataBytes: offset };
}

/** Encodes named tensors (written in name order) and string metadata as one safetensors buffer. */
export function encodeSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const names = Object.keys(tensors).sort();
  const entries = names.map((name) => {
    const t = tensors[name]!;
    if (t.data.length !== shapeSize(t.shape)) {
      throw new InvalidStageUse(
        "safetensors",
        `tensor ${name} has ${t.data.length} values for shape [${t.shape.join(", ")}]`,
      );
    }
    return { name, dtype: t.dtype, shape: t.shape };
  });
  const { header, dataBytes } = safetensorsHeader(entries, metadata);
  const out = new Uint8Array(header.length + dataBytes);
  out.set(header, 0);
  let offset = header.length;
  for (const name of names) {
    const d = tensors[name]!.data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), offset);
    offset += d.byteLength;
  }
  return out;
}

/**
 * Decodes a safetensors buffer, checked strictly (`parseSafetensorsLayout`): a malformed header or byte
 * range is an InvalidSafetensors naming `file` and the tensor. Tensor data is copied only when it is not
 * aligned for its type.
 */
export function decodeSafetensors(
  bytes: Uint8Array,
  file = "<buffer>",
): { tensors: Record<string, Tensor>; metadata: Record<string, string> } {
  const prefix =
    bytes.length < 8 ? 0 : Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const n = checkSafetensorsPrefix(prefix, bytes.length, file);
  const base = 8 + n;
  const layout = parseSafetensorsLayout(
    new TextDecoder().decode(bytes.subarray(8, base)),
    bytes.length - base,
    file,
  );
  const tensors: Record<string, Tensor> = {};
  for (const [name, { dtype, shape, data_offsets }] of Object.entries(layout.tensors)) {
    const size = bytesPerElement[dtype];
    const [begin, end] = data_offsets;
    const count = shapeSize(shape);
    const at = bytes.byteOffset + base + begin;
    // Node's Buffer#slice is a view, not a copy: copy through Uint8Array's own slice for unaligned data.
    const data =
      at % size === 0
        ? viewOf(dtype, bytes.buffer as ArrayBuffer, at, count)
        : viewOf(dtype, Uint8Array.prototype.slice.call(bytes, base + begin, base + end).buffer, 0, count);
    tensors[name] = { dtype, shape, data };
  }
  return { tensors, metadata: layout.metadata };
}
