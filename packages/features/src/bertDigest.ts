/**
 * The content digest of a BERT folder, the model's entry in a stage's `tools` (so a different model, or the
 * same name with other weights, changes every key that used it). It covers exactly `BERT_MODEL_FILES`, the
 * files transformers.js reads; extra files in the folder (READMEs, quantized variants) do not count. Synchronous
 * because `tools()` is; it reads in 1 MiB chunks and remembers each file's hash by (size, mtime, inode).
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { BERT_MODEL_FILES, missingBertFile } from "./bertModel.js";
import { ModelNotFound } from "./errors.js";

const fileHashes = new Map<string, { readonly stamp: string; readonly hex: string }>();

/**
 * `sha256:<hex>` of the lines `<relative path>\0<sha256 of the file>\n` over `BERT_MODEL_FILES` in order.
 * Throws `ModelNotFound` when a file is missing.
 */
export function bertModelDigest(folder: string): `sha256:${string}` {
  const missing = missingBertFile(folder);
  if (missing !== undefined) throw new ModelNotFound(folder, missing);
  const outer = createHash("sha256");
  for (const file of BERT_MODEL_FILES) outer.update(`${file}\0${fileSha256(join(folder, file))}\n`);
  return `sha256:${outer.digest("hex")}`;
}

function fileSha256(path: string): string {
  const stat = statSync(path);
  const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  const known = fileHashes.get(path);
  if (known?.stamp === stamp) return known.hex;
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  const hex = hash.digest("hex");
  fileHashes.set(path, { stamp, hex });
  return hex;
}
