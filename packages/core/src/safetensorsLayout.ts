/**
 * The strict reading of a safetensors header (format v1, as the reference `safetensors` crate validates
 * it): the JSON header is at most 100 MB and lies inside the file; every tensor has a known dtype, a shape of
 * non-negative integers and byte offsets whose length is dtype size × product of shape; sorted by offset,
 * the tensors tile the data section exactly (no gap, overlap or byte past the end). Every violation is an
 * InvalidSafetensors naming the file and the tensor. It reads no file itself.
 */
import { InvalidSafetensors } from "./errors.js";
import type { DType } from "./safetensors.js";

/** The reference crate's bound on the JSON header (`MAX_HEADER_SIZE`). */
export const maxSafetensorsHeaderBytes = 100_000_000;

const dtypeBytes: Readonly<Record<DType, number>> = {
  F64: 8,
  F32: 4,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  U16: 2,
  U32: 4,
  BOOL: 1,
};

/** One tensor of a checked header; offsets are relative to the start of the data section. */
export interface SafetensorsEntry {
  readonly dtype: DType;
  readonly shape: number[];
  readonly data_offsets: [number, number];
}

/** A checked header: tensors in file order and string metadata. */
export interface SafetensorsLayout {
  readonly tensors: Record<string, SafetensorsEntry>;
  readonly metadata: Record<string, string>;
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/**
 * Checks the 8-byte length prefix against the file size; returns the header's byte length. `fileBytes` is
 * the size of the whole file (or buffer).
 */
export function checkSafetensorsPrefix(headerBytes: number, fileBytes: number, file: string): number {
  if (fileBytes < 8)
    throw new InvalidSafetensors(
      file,
      undefined,
      `${fileBytes} bytes, shorter than the 8-byte header length`,
    );
  if (!Number.isSafeInteger(headerBytes) || headerBytes > maxSafetensorsHeaderBytes) {
    throw new InvalidSafetensors(
      file,
      undefined,
      `header length ${headerBytes} exceeds the ${maxSafetensorsHeaderBytes}-byte bound`,
    );
  }
  if (8 + headerBytes > fileBytes) {
    throw new InvalidSafetensors(
      file,
      undefined,
      `header of ${headerBytes} bytes runs past the end of the ${fileBytes}-byte file`,
    );
  }
  return headerBytes;
}

function checkEntry(file: string, name: string, raw: unknown): SafetensorsEntry {
  const bad = (problem: string): InvalidSafetensors => new InvalidSafetensors(file, name, problem);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw bad("entry is not an object");
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== "string" || !(dtype in dtypeBytes))
    throw bad(`unsupported dtype ${JSON.stringify(dtype)}`);
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw bad(`shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw bad(`data_offsets ${JSON.stringify(offsets)} is not [begin, end]`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw bad(`data_offsets [${begin}, ${end}] are reversed`);
  let bytes = dtypeBytes[dtype as DType];
  for (const d of shape) bytes *= d;
  if (!Number.isSafeInteger(bytes) || end - begin !== bytes) {
    throw bad(`holds ${end - begin} bytes but ${dtype} [${shape.join(", ")}] needs ${bytes}`);
  }
  return { dtype: dtype as DType, shape, data_offsets: [begin, end] };
}

/**
 * Parses and checks a header's JSON text against a data section of `dataBytes` bytes (the file size minus
 * 8 minus the header length).
 */
export function parseSafetensorsLayout(json: string, dataBytes: number, file: string): SafetensorsLayout {
  let header: unknown;
  try {
    header = JSON.parse(json);
  } catch (cause) {
    throw new InvalidSafetensors(file, undefined, "header is not JSON", { cause });
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw new InvalidSafetensors(file, undefined, "header is not a JSON object");
  }
  const { __metadata__: meta = {}, ...rest } = header as Record<string, unknown>;
  if (
    typeof meta !== "object" ||
    meta === null ||
    Array.isArray(meta) ||
    !Object.values(meta).every((v) => typeof v === "string")
  ) {
    throw new InvalidSafetensors(file, undefined, "__metadata__ is not an object of strings");
  }
  const entries = Object.entries(rest).map(([name, raw]) => [name, checkEntry(file, name, raw)] as const);
  entries.sort(
    ([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0] || a.data_offsets[1] - b.data_offsets[1],
  );
  let at = 0;
  for (const [name, e] of entries) {
    const [begin, end] = e.data_offsets;
    if (begin !== at) {
      throw new InvalidSafetensors(
        file,
        name,
        `data_offsets [${begin}, ${end}] ${begin < at ? "overlap the previous tensor" : `leave a gap after byte ${at}`}`,
      );
    }
    at = end;
  }
  if (at !== dataBytes) {
    throw new InvalidSafetensors(
      file,
      entries.at(-1)?.[0],
      at > dataBytes
        ? `data ends at byte ${at}, past the ${dataBytes}-byte data section`
        : `data ends at byte ${at}, ${dataBytes - at} bytes before the end of the file`,
    );
  }
  return { tensors: Object.fromEntries(entries), metadata: meta as Record<string, string> };
}
