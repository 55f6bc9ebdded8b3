/**
 * Reads only the header of a safetensors file (tensor names, dtypes, shapes, metadata), so manifests and
 * `inspect` can describe multi-gigabyte shards without reading them. The header is checked as strictly as a
 * full decode (`parseSafetensorsLayout`: bounded, offsets contiguous and inside the file, byte lengths that
 * match dtype × shape), against the file's size; a FIFO or device is refused before it is opened.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import {
  assertRegularFile,
  checkSafetensorsPrefix,
  InvalidSafetensors,
  parseSafetensorsLayout,
  type SafetensorsLayout,
} from "@choreo/core";

export type SafetensorsHeader = SafetensorsLayout;

/** The parsed, checked header of the safetensors file at `path`. */
export function readSafetensorsHeader(path: string): SafetensorsHeader {
  assertRegularFile(path);
  const fd = openSync(path, "r");
  try {
    const fileBytes = fstatSync(fd).size;
    const len = Buffer.alloc(8);
    const got = readSync(fd, len, 0, 8, 0);
    const n = checkSafetensorsPrefix(
      got === 8 ? Number(len.readBigUInt64LE(0)) : 0,
      got === 8 ? fileBytes : got,
      path,
    );
    const buf = Buffer.alloc(n);
    if (readSync(fd, buf, 0, n, 8) !== n)
      throw new InvalidSafetensors(path, undefined, "header runs past the end of the file");
    return parseSafetensorsLayout(buf.toString("utf8"), fileBytes - 8 - n, path);
  } finally {
    closeSync(fd);
  }
}
