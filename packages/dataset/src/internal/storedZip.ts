/**
 * A streaming writer of stored (uncompressed) zip archives, the container of `torch.save`: every entry's data
 * starts on a 64-byte boundary, padded through a local-header extra field (id "FB", filled with "Z", as
 * PyTorch's `PyTorchStreamWriter` does) so readers can map storages in place. Fixed timestamps (1980-01-01)
 * make equal inputs give equal bytes. No compression, no zip64: an archive over 4 GiB or 65535 entries is
 * refused.
 */
import { ExportTooLarge } from "../errors.js";
import { crc32 } from "./crc32.js";

/** Where archive bytes go, in order. */
export type ByteSink = (chunk: Uint8Array) => void;

export interface StoredZipWriter {
  /** Appends one entry whose data is the concatenation of `chunks`. */
  add(name: string, chunks: readonly Uint8Array[]): void;
  /** Writes the central directory; nothing may be added after. */
  close(): void;
}

const ALIGNMENT = 64;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const MAX_U32 = 0xffffffff;

interface Entry {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly crc: number;
  readonly size: number;
  readonly offset: number;
}

function header(bytes: number, fill: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(bytes);
  fill(new DataView(out.buffer));
  return out;
}

/** A zip writer that hands its bytes to `sink` as it goes. */
export function createStoredZip(sink: ByteSink): StoredZipWriter {
  const entries: Entry[] = [];
  let offset = 0;
  const emit = (chunk: Uint8Array): void => {
    sink(chunk);
    offset += chunk.length;
  };
  const tooLarge = (what: string): never => {
    throw new ExportTooLarge(`zip archive: ${what} (zip64 is not written)`);
  };
  return {
    add(nameText, chunks) {
      const name = new TextEncoder().encode(nameText);
      // bit 11: the name is UTF-8 (only needed when it is not ASCII).
      const flags = name.some((b) => b >= 0x80) ? 0x0800 : 0;
      let crc = 0;
      let size = 0;
      for (const c of chunks) {
        crc = crc32(c, crc);
        size += c.length;
      }
      const dataStart = offset + 30 + name.length + 4;
      const padding = (ALIGNMENT - (dataStart % ALIGNMENT)) % ALIGNMENT;
      if (offset + 34 + name.length + padding + size > MAX_U32) tooLarge("more than 4 GiB");
      if (entries.length === 0xffff) tooLarge("more than 65535 entries");
      entries.push({ name, flags, crc, size, offset });
      emit(
        header(30, (v) => {
          v.setUint32(0, 0x04034b50, true);
          v.setUint16(4, 20, true); // version needed: 2.0
          v.setUint16(6, flags, true);
          v.setUint16(8, 0, true); // stored
          v.setUint16(10, 0, true); // time 00:00:00
          v.setUint16(12, DOS_DATE_1980_01_01, true);
          v.setUint32(14, crc, true);
          v.setUint32(18, size, true);
          v.setUint32(22, size, true);
          v.setUint16(26, name.length, true);
          v.setUint16(28, 4 + padding, true);
        }),
      );
      emit(name);
      const extra = new Uint8Array(4 + padding).fill(0x5a); // "Z"
      extra.set([0x46, 0x42, padding & 0xff, padding >> 8]); // "FB", length
      emit(extra);
      for (const c of chunks) emit(c);
    },
    close() {
      const start = offset;
      for (const e of entries) {
        emit(
          header(46, (v) => {
            v.setUint32(0, 0x02014b50, true);
            v.setUint16(4, 20, true); // made by: 2.0
            v.setUint16(6, 20, true);
            v.setUint16(8, e.flags, true);
            v.setUint16(10, 0, true);
            v.setUint16(12, 0, true);
            v.setUint16(14, DOS_DATE_1980_01_01, true);
            v.setUint32(16, e.crc, true);
            v.setUint32(20, e.size, true);
            v.setUint32(24, e.size, true);
            v.setUint16(28, e.name.length, true);
            v.setUint32(42, e.offset, true); // extra, comment, disk, attributes: 0
          }),
        );
        emit(e.name);
      }
      const size = offset - start;
      if (offset + 22 > MAX_U32) tooLarge("central directory past 4 GiB");
      emit(
        header(22, (v) => {
          v.setUint32(0, 0x06054b50, true);
          v.setUint16(8, entries.length, true);
          v.setUint16(10, entries.length, true);
          v.setUint32(12, size, true);
          v.setUint32(16, start, true);
        }),
      );
    },
  };
}
