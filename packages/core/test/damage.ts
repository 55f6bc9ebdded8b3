// Damages store blobs the way disks and people do, for the integrity tests.
import { chmodSync, readFileSync, truncateSync, writeFileSync } from "node:fs";

/** Flips the low bit of the byte at `at` (default: the middle) of a read-only blob. */
export function flipBit(path: string, at?: number): void {
  chmodSync(path, 0o644);
  const bytes = readFileSync(path);
  const i = at ?? bytes.length >> 1;
  bytes[i] = bytes[i]! ^ 1;
  writeFileSync(path, bytes);
  chmodSync(path, 0o444);
}

/** Cuts a blob down to `keep` bytes (default: half). */
export function truncate(path: string, keep?: number): void {
  chmodSync(path, 0o644);
  truncateSync(path, keep ?? readFileSync(path).length >> 1);
  chmodSync(path, 0o444);
}
