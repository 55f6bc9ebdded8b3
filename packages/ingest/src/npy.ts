/**
 * NumPy `.npy` files (format versions 1.0, 2.0 and 3.0, numpy `lib/format.py`): reads numeric arrays in
 * C or Fortran order and, only when asked with `allowPickle`, object arrays through the safe unpickler
 * (InDV's `genre.npy` is a pickled dict). Writes numeric arrays byte for byte as numpy 1.24's `np.save`.
 * Structured, string and float16 dtypes and `.npz` archives are not supported.
 */
import { writeFile } from "node:fs/promises";
import { InvalidFormat } from "./errors.js";
import { arrayFromBytes, byteLengthOf } from "./internal/arrayFromBytes.js";
import { descrOf, parseDescr } from "./internal/dtypeDescr.js";
import { unpickle } from "./internal/unpickler.js";
import { parsePyLiteral } from "./internal/pyLiteral.js";
import type { NdArray } from "./ndarray.js";
import type { ObjectArray } from "./pickle.js";
import { readSourceFile } from "./pickle.js";

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const arrayAlign = 64; // parity: numpy >= 1.16 pads headers to 64 bytes
const growthAxisMaxDigits = 21; // parity: numpy >= 1.23 leaves room to grow the first axis in place

/** Options of the .npy readers. */
export interface NpyReadOptions {
  /** Name used in error messages. */
  readonly file?: string;
  /** Accept object arrays (a pickle inside the file). Off by default, as in numpy. */
  readonly allowPickle?: boolean;
}

/** Parses an .npy file. Throws `InvalidFormat` on a bad magic, header or length, `UnsafePickle` on a bad pickle. */
export function parseNpy(input: Uint8Array, options: NpyReadOptions = {}): NdArray | ObjectArray {
  const file = options.file ?? "<bytes>";
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const header = readHeader(bytes, file);
  const body = bytes.subarray(header.dataOffset);
  const descr = parseDescr(header.descr);
  if (descr === undefined) throw new InvalidFormat(file, `unsupported dtype '${header.descr}'`);
  if (descr.kind === "object") return readObjectArray(body, file, options.allowPickle === true);
  const layout = {
    dtype: descr.dtype,
    bigEndian: descr.byteOrder === ">",
    shape: header.shape,
    fortranOrder: header.fortranOrder,
  };
  const needed = byteLengthOf(layout);
  if (body.length < needed) {
    throw new InvalidFormat(
      file,
      `truncated: data holds ${body.length} bytes, shape (${header.shape.join(", ")}) needs ${needed}`,
    );
  }
  return arrayFromBytes(layout, body.subarray(0, needed));
}

/** Reads an .npy file from disk (see `parseNpy`); a missing file is `MissingSource`. */
export async function readNpy(path: string, options: NpyReadOptions = {}): Promise<NdArray | ObjectArray> {
  return parseNpy(await readSourceFile(path), { ...options, file: options.file ?? path });
}

/** Encodes a numeric array as .npy (version 1.0, or 2.0 when the header needs it), as `np.save` does. */
export function encodeNpy(array: NdArray): Uint8Array {
  const shape = array.shape;
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descrOf(array.dtype)}', 'fortran_order': False, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) header += " ".repeat(growthAxisMaxDigits - String(shape[0]).length);
  const version = header.length + 11 < 65536 ? 1 : 2;
  const prefixLength = magic.length + 2 + (version === 1 ? 2 : 4);
  header += " ".repeat(arrayAlign - ((prefixLength + header.length + 1) % arrayAlign)) + "\n";
  const data = array.data;
  const out = new Uint8Array(prefixLength + header.length + data.byteLength);
  out.set(magic);
  out[6] = version;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefixLength + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), prefixLength + header.length);
  return out;
}

/** Writes a numeric array to an .npy file. */
export async function writeNpy(path: string, array: NdArray): Promise<void> {
  await writeFile(path, encodeNpy(array));
}

interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: number[];
  readonly dataOffset: number;
}

function readHeader(bytes: Uint8Array, file: string): NpyHeader {
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    throw new InvalidFormat(file, "not an .npy file (bad magic)");
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new InvalidFormat(file, `unsupported .npy version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthSize) throw new InvalidFormat(file, "truncated header");
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthSize;
  if (bytes.length < start + length) throw new InvalidFormat(file, "truncated header");
  const raw = bytes.subarray(start, start + length);
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(raw);
  const dict = parsePyLiteral(text.trim());
  const descr = isRecord(dict) ? dict["descr"] : undefined;
  const fortran = isRecord(dict) ? dict["fortran_order"] : undefined;
  const shape = isRecord(dict) ? dict["shape"] : undefined;
  // numpy requires a tuple: the literal parser freezes tuples and not lists
  const shapeOk =
    Array.isArray(shape) && Object.isFrozen(shape) && shape.every((d) => typeof d === "number" && d >= 0);
  if (typeof descr !== "string" || typeof fortran !== "boolean" || !shapeOk) {
    throw new InvalidFormat(file, `bad header ${JSON.stringify(text.trim())}`);
  }
  return { descr, fortranOrder: fortran, shape: [...(shape as number[])], dataOffset: start + length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readObjectArray(body: Uint8Array, file: string, allowPickle: boolean): ObjectArray {
  if (!allowPickle) throw new InvalidFormat(file, "object array needs allowPickle: true");
  const value = unpickle({ bytes: body, file, buffers: [] });
  if (typeof value !== "object" || value === null || !("dtype" in value) || value.dtype !== "object") {
    throw new InvalidFormat(file, "object .npy does not hold a pickled object array");
  }
  return value;
}
