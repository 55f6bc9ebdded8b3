/**
 * `assertRegularFile`: refuses, before any read, a path that is a directory, FIFO, socket or device (a FIFO
 * would block the reader forever, a device could be endless). A path that does not exist is left to the
 * caller's own read, so each package keeps its "missing source" error.
 */
import { statSync, type Stats } from "node:fs";
import { NotRegularFile } from "./errors.js";

function kindOf(s: Stats): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** Throws NotRegularFile when `path` exists and is not a regular file (links are followed). */
export function assertRegularFile(path: string): void {
  let s: Stats | undefined;
  try {
    s = statSync(path);
  } catch {
    return;
  }
  if (!s.isFile()) throw new NotRegularFile(path, kindOf(s));
}
