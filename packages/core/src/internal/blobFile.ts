/**
 * Verified reads of store blobs: the bytes are hashed chunk by chunk as they are read (one pass, no second
 * read of the file), and the result says whether the blob is whole. A missing, short, long or
 * digest-mismatched blob is reported as a problem, never thrown; the store decides what to do with it
 * (quarantine, miss). Nothing here writes.
 */
import { createHash, hash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Digest } from "../digest.js";

/** What is wrong with a blob: gone, fewer or more bytes than recorded, or bytes that hash elsewhere. */
export type BlobProblem = "missing" | "short" | "long" | "mismatch";

const chunkBytes = 1 << 20;
let scratch: Buffer | undefined;

/** What this thread's verified reads have cost: blobs and bytes checked, milliseconds spent checking. */
export interface VerificationCost {
  readonly blobs: number;
  readonly bytes: number;
  readonly ms: number;
}
const cost = { blobs: 0, bytes: 0, ms: 0 };

/** This thread's verification cost so far (`build-dataset --json` and the benches report it). */
export function verificationCost(): VerificationCost {
  return { ...cost };
}

function hashHex(bytes: Buffer): string {
  const t0 = performance.now();
  const hex = hash("sha256", bytes, "hex");
  cost.ms += performance.now() - t0;
  return hex;
}

/** A sha256 hasher whose updates count towards the verification cost. */
function timedHasher(): { update(b: Buffer): unknown; digest(encoding: "hex"): string } {
  const h = createHash("sha256");
  return {
    update(b) {
      const t0 = performance.now();
      h.update(b);
      cost.ms += performance.now() - t0;
    },
    digest: (encoding) => h.digest(encoding),
  };
}

/** Reads into `into` until it is full or the file ends; hashes each chunk as it arrives. */
function readHashed(fd: number, into: Buffer, hasher: { update(b: Buffer): unknown } | undefined): number {
  let filled = 0;
  while (filled < into.length) {
    const n = readSync(fd, into, filled, Math.min(chunkBytes, into.length - filled), null);
    if (n === 0) break;
    hasher?.update(into.subarray(filled, filled + n));
    filled += n;
  }
  return filled;
}

function openBlob(path: string): number | undefined {
  try {
    return openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function sizeProblem(actual: number, expected: number | undefined): BlobProblem | undefined {
  if (expected === undefined || actual === expected) return undefined;
  return actual < expected ? "short" : "long";
}

/**
 * Reads a whole blob and checks it against `digest` (and `expectedSize`, when the caller knows it) in the
 * same pass. Small blobs are hashed in one call after a single read, large ones chunk by chunk.
 */
export function readBlobFile(
  path: string,
  digest: Digest,
  expectedSize?: number,
): { bytes: Buffer; problem?: undefined } | { bytes?: undefined; problem: BlobProblem } {
  const fd = openBlob(path);
  if (fd === undefined) return { problem: "missing" };
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(size);
    const hasher = size > chunkBytes ? timedHasher() : undefined;
    const got = readHashed(fd, bytes, hasher);
    const problem = sizeProblem(got, expectedSize) ?? (got < size ? "short" : undefined);
    if (problem !== undefined) return { problem };
    cost.blobs++;
    cost.bytes += got;
    const hex = hasher === undefined ? hashHex(bytes) : hasher.digest("hex");
    return hex === digest.slice(7) ? { bytes } : { problem: "mismatch" };
  } finally {
    closeSync(fd);
  }
}

/** Checks a blob without keeping its bytes (a reused 1 MiB buffer); undefined when it is whole. */
export function checkBlobFile(path: string, digest: Digest, expectedSize?: number): BlobProblem | undefined {
  const t0 = performance.now();
  try {
    return checkOpened(path, digest, expectedSize);
  } finally {
    cost.ms += performance.now() - t0;
  }
}

function checkOpened(path: string, digest: Digest, expectedSize?: number): BlobProblem | undefined {
  const fd = openBlob(path);
  if (fd === undefined) return "missing";
  try {
    scratch ??= Buffer.allocUnsafe(chunkBytes);
    const first = readSync(fd, scratch, 0, chunkBytes, null);
    // A regular file returns a short read only at its end: a first read that matches the recorded size whole
    // is the entire blob, which spares a second syscall on the hot path of small action outputs.
    if (first < chunkBytes && (expectedSize === undefined || first === expectedSize)) {
      const problem = sizeProblem(first, expectedSize);
      if (problem !== undefined) return problem;
      cost.blobs++;
      cost.bytes += first;
      return hash("sha256", scratch.subarray(0, first), "hex") === digest.slice(7) ? undefined : "mismatch";
    }
    const hasher = createHash("sha256").update(scratch.subarray(0, first));
    let total = first;
    for (;;) {
      const n = readSync(fd, scratch, 0, chunkBytes, null);
      if (n === 0) break;
      hasher.update(scratch.subarray(0, n));
      total += n;
    }
    cost.blobs++;
    cost.bytes += total;
    return (
      sizeProblem(total, expectedSize) ?? (hasher.digest("hex") === digest.slice(7) ? undefined : "mismatch")
    );
  } finally {
    closeSync(fd);
  }
}
