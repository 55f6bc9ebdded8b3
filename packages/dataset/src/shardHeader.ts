/**
 * Reads only the header of a safetensors file (tensor names, dtypes, shapes, metadata), so manifests and
 * `inspect` can describe multi-gigabyte shards without reading them.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { DType } from "@choreo/core";

export interface SafetensorsHeader {
  readonly tensors: Readonly<
    Record<string, { dtype: DType; shape: number[]; data_offsets: [number, number] }>
  >;
  readonly metadata: Readonly<Record<string, string>>;
}

/** The parsed header of the safetensors file at `path`. */
export function readSafetensorsHeader(path: string): SafetensorsHeader {
  const fd = openSync(path, "r");
  try {
    const len = Buffer.alloc(8);
    if (readSync(fd, len, 0, 8, 0) !== 8)
      throw new RangeError(`[dataset] ${path}: shorter than a safetensors header`);
    const n = Number(len.readBigUInt64LE(0));
    if (n > 100_000_000) throw new RangeError(`[dataset] ${path}: header length ${n} is implausible`);
    const buf = Buffer.alloc(n);
    if (readSync(fd, buf, 0, n, 8) !== n)
      throw new RangeError(`[dataset] ${path}: header runs past the end of the file`);
    const { __metadata__, ...tensors } = JSON.parse(buf.toString("utf8")) as Record<string, unknown>;
    return {
      tensors: tensors as SafetensorsHeader["tensors"],
      metadata: (__metadata__ ?? {}) as Record<string, string>,
    };
  } finally {
    closeSync(fd);
  }
}
