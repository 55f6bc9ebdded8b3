/**
 * Reads a small text file (an action entry) with one read into a reused buffer: open, read, close, without
 * readFileSync's fstat and per-call allocation. Larger files fall back to readFileSync. Undefined when the
 * file cannot be opened.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";

const bufferBytes = 1 << 16;
let buffer: Buffer | undefined;

/** The UTF-8 text of `path`, or undefined when it cannot be opened. */
export function readSmallText(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    buffer ??= Buffer.allocUnsafe(bufferBytes);
    const n = readSync(fd, buffer, 0, bufferBytes, null);
    return n < bufferBytes ? buffer.toString("utf8", 0, n) : readFileSync(path, "utf8");
  } finally {
    closeSync(fd);
  }
}
