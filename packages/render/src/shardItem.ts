/**
 * Reads one item of a choreo shard (`<split>-00000.safetensors`) without reading the rest: stacked tensors
 * ([N, ...]) by their item row, ragged ones through `<name>.offsets`. Item ids and texts come from the
 * shard's `__metadata__` (`ids`, `texts`, JSON lists). Float tensors come back as Float32Array.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { dtypeSize, shapeSize } from "@choreo/core";
import { readSafetensorsHeader } from "@choreo/dataset";
import { ItemNotFound, UnsupportedRenderInput } from "./errors.js";

/** One tensor of an item: its per-item shape and values. */
export interface ItemTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** An item of a shard. */
export interface ShardItem {
  readonly id: string;
  readonly index: number;
  readonly text: string | null;
  readonly tensors: Readonly<Record<string, ItemTensor>>;
}

/** The item ids a shard lists, in order. */
export function shardItemIds(path: string): string[] {
  const ids = JSON.parse(readSafetensorsHeader(path).metadata["ids"] ?? "[]") as unknown;
  return Array.isArray(ids) ? ids.map(String) : [];
}

function readBytes(fd: number, position: number, length: number, file: string): Buffer {
  const buf = Buffer.alloc(length);
  const got = readSync(fd, buf, 0, length, position);
  if (got !== length)
    throw new UnsupportedRenderInput(
      file,
      `short read: ${got} of ${length} bytes at offset ${position} (a truncated shard; see choreo verify)`,
    );
  return buf;
}

function toFloat32(buf: Buffer, dtype: string, file: string, name: string): Float32Array {
  const aligned = new Uint8Array(buf).buffer;
  switch (dtype) {
    case "F32":
      return new Float32Array(aligned);
    case "F64":
      return Float32Array.from(new Float64Array(aligned));
    case "I32":
      return Float32Array.from(new Int32Array(aligned));
    case "I64":
      return Float32Array.from(new BigInt64Array(aligned), Number);
    case "U8":
      return Float32Array.from(new Uint8Array(aligned));
    default:
      throw new UnsupportedRenderInput(
        file,
        `tensor ${name} has dtype ${dtype}, not a number type render reads`,
      );
  }
}

/** Reads item `index` (or the item with id `id`) of the shard at `path`. */
export function readShardItem(path: string, which: { id: string } | { index: number }): ShardItem {
  const header = readSafetensorsHeader(path);
  const ids = shardItemIds(path);
  const texts = JSON.parse(header.metadata["texts"] ?? "[]") as (string | null)[];
  const index = "id" in which ? ids.indexOf(which.id) : which.index;
  if (index < 0 || index >= ids.length)
    throw new ItemNotFound(path, "id" in which ? which.id : `#${which.index}`);
  const fd = openSync(path, "r");
  try {
    const dataStart = 8 + Number(readBytes(fd, 0, 8, path).readBigUInt64LE(0));
    const tensors: Record<string, ItemTensor> = {};
    for (const [name, t] of Object.entries(header.tensors)) {
      if (name.endsWith(".offsets")) continue;
      const size = dtypeSize(t.dtype);
      const offsets = header.tensors[`${name}.offsets`];
      let rowStart: number;
      let rows: number;
      if (offsets !== undefined) {
        const o = new BigInt64Array(
          new Uint8Array(readBytes(fd, dataStart + offsets.data_offsets[0] + index * 8, 16, path)).buffer,
        );
        rowStart = Number(o[0]);
        rows = Number(o[1]) - rowStart;
      } else {
        rowStart = index;
        rows = 1;
      }
      const inner = t.shape.slice(1);
      const rowBytes = shapeSize(inner) * size;
      const buf = readBytes(fd, dataStart + t.data_offsets[0] + rowStart * rowBytes, rows * rowBytes, path);
      tensors[name] = {
        shape: offsets !== undefined ? [rows, ...inner] : inner,
        data: toFloat32(buf, t.dtype, path, name),
      };
    }
    return { id: ids[index]!, index, text: texts[index] ?? null, tensors };
  } finally {
    closeSync(fd);
  }
}
