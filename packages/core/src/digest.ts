/**
 * Content digests: `sha256:<64 hex>` strings over bytes, canonical JSON or whole files (streamed, so a
 * multi-gigabyte video never sits in memory). Nothing here touches the store.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { canonicalJson } from "./canonicalJson.js";

/** A content digest, `sha256:` followed by 64 lowercase hex digits. */
export type Digest = `sha256:${string}`;

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** True for a well-formed digest string. */
export function isDigest(value: unknown): value is Digest {
  return typeof value === "string" && digestPattern.test(value);
}

/** Hex sha256 of bytes or a UTF-8 string. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Digest of bytes or a UTF-8 string. */
export function digestOf(data: Uint8Array | string): Digest {
  return `sha256:${sha256Hex(data)}`;
}

/** Digest of the canonical JSON of a value. */
export function digestJson(value: unknown): Digest {
  return digestOf(canonicalJson(value));
}

/** Digest of a file's bytes, streamed. */
export async function digestFile(path: string): Promise<{ digest: Digest; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { digest: `sha256:${hash.digest("hex")}`, size };
}

/** Digest of a file's bytes, read 1 MiB at a time synchronously (for readers that cannot await). */
export function digestFileSync(path: string): { digest: Digest; size: number } {
  const hash = createHash("sha256");
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, "r");
  let size = 0;
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      hash.update(buf.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  return { digest: `sha256:${hash.digest("hex")}`, size };
}

/** The 64 hex digits of a digest. */
export function digestHex(digest: Digest): string {
  return digest.slice(7);
}
