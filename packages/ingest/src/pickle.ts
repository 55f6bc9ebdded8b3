/**
 * A safe unpickler for the numpy pickles of AIST++, EDGE and dance-to-music (protocols 2–5, numpy 1.x and
 * 2.x module names, protocol-5 in-band and out-of-band buffers). Only data opcodes run; the only globals
 * honoured are numpy's array, dtype and scalar reconstructors, so a pickle that names `os.system` or any
 * other callable is refused with `UnsafePickle` before anything happens. Arbitrary Python objects are not
 * supported (use JSON or .npy for those).
 */
import { readFile } from "node:fs/promises";
import { assertRegularFile } from "@choreo/core";
import { MissingSource } from "./errors.js";
import { unpickle } from "./internal/unpickler.js";
import type { PickleValue } from "./internal/pickleTypes.js";

export { PickleDtype } from "./internal/pickleTypes.js";
export type { ObjectArray, PickleDict, PickleValue } from "./internal/pickleTypes.js";

/** Options of the pickle readers. */
export interface PickleOptions {
  /** Name used in error messages (defaults to the path, or `<bytes>`). */
  readonly file?: string;
  /** Out-of-band buffers for protocol 5 `NEXT_BUFFER`, in the order `buffer_callback` received them. */
  readonly buffers?: readonly Uint8Array[];
}

/**
 * Decodes a pickle. Throws `InvalidFormat` (truncated, garbled, unsupported opcode or dtype) or `UnsafePickle`.
 * Bytes values are views into `bytes`; arrays are copies.
 */
export function parsePickle(bytes: Uint8Array, options: PickleOptions = {}): PickleValue {
  // a plain Uint8Array view, so bytes values are not Buffers when the input was one
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return unpickle({ bytes: plain, file: options.file ?? "<bytes>", buffers: options.buffers ?? [] });
}

/** Reads and decodes a pickle file; a missing or unreadable file is `MissingSource`. */
export async function readPickle(path: string, options: PickleOptions = {}): Promise<PickleValue> {
  const bytes = await readSourceFile(path);
  return parsePickle(bytes, { ...options, file: options.file ?? path });
}

/** Reads a whole file, mapping file-system errors to `MissingSource`. */
export async function readSourceFile(path: string): Promise<Uint8Array> {
  assertRegularFile(path); // a FIFO or device would block or never end
  try {
    return await readFile(path);
  } catch (error) {
    throw new MissingSource(path, `cannot read (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      cause: error,
    });
  }
}
