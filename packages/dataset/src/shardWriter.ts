/**
 * A streaming safetensors shard writer: the shapes are declared up front (N items × per-item shape), the
 * header is written first, then each item's slices are written at their offsets, so memory stays at one item
 * whatever the shard size. The result is byte-identical to encoding the stacked tensors in memory.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { type DType, dtypeSize, safetensorsHeader, shapeSize, type TypedArray } from "@choreo/core";

export interface ShardTensorSpec {
  readonly name: string;
  readonly dtype: DType;
  /** Shape of the whole stacked tensor, first axis = items (or total rows for ragged data). */
  readonly shape: readonly number[];
}

export interface ShardWriter {
  /** Writes `data` into tensor `name` starting at element `elementOffset`. */
  write(name: string, elementOffset: number, data: TypedArray): void;
  close(): void;
}

/** Opens `path` and writes the header of a shard with these tensors (sorted by name) and metadata. */
export function openShardWriter(
  path: string,
  specs: readonly ShardTensorSpec[],
  metadata: Record<string, string>,
): ShardWriter {
  const sorted = [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { header } = safetensorsHeader(sorted, metadata);
  const offsets = new Map<string, { start: number; bytes: number; dtype: DType }>();
  let at = header.length;
  for (const s of sorted) {
    const bytes = shapeSize(s.shape) * dtypeSize(s.dtype);
    offsets.set(s.name, { start: at, bytes, dtype: s.dtype });
    at += bytes;
  }
  const fd = openSync(path, "w");
  writeSync(fd, header, 0, header.length, 0);
  for (const { start, bytes } of offsets.values()) {
    if (bytes > 0) writeSync(fd, new Uint8Array(1), 0, 1, start + bytes - 1); // size the file; holes read as zeros
  }
  return {
    write(name, elementOffset, data) {
      const o = offsets.get(name);
      if (o === undefined) throw new RangeError(`[dataset] shard has no tensor ${name}`);
      const byteOffset = elementOffset * dtypeSize(o.dtype);
      if (byteOffset + data.byteLength > o.bytes)
        throw new RangeError(`[dataset] write past the end of ${name}`);
      writeSync(
        fd,
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        0,
        data.byteLength,
        o.start + byteOffset,
      );
    },
    close: () => closeSync(fd),
  };
}
