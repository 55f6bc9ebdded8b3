import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "./internal/crc32.js";
import { encodeTorchSave, pyFloat } from "./torchSave.js";

interface ZipEntry {
  readonly name: string;
  readonly dataOffset: number;
  readonly data: Uint8Array;
  readonly crc: number;
}

/** A reader for exactly what the writer makes: local headers in order, checked against the central directory. */
function readStoredZip(bytes: Uint8Array): ZipEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  expect(v.getUint32(eocd, true)).toBe(0x06054b50);
  const count = v.getUint16(eocd + 10, true);
  let cd = v.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(cd, true)).toBe(0x02014b50);
    const nameLength = v.getUint16(cd + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(cd + 46, cd + 46 + nameLength));
    const at = v.getUint32(cd + 42, true);
    expect(v.getUint32(at, true)).toBe(0x04034b50);
    expect(v.getUint16(at + 8, true)).toBe(0); // stored
    const size = v.getUint32(at + 18, true);
    const dataOffset = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    entries.push({
      name,
      dataOffset,
      data: bytes.subarray(dataOffset, dataOffset + size),
      crc: v.getUint32(at + 14, true),
    });
    expect(v.getUint32(cd + 16, true)).toBe(v.getUint32(at + 14, true));
    cd += 46 + nameLength;
  }
  return entries;
}

describe("crc32", () => {
  it("gives the IEEE check value and agrees with zlib over chunks", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    expect(crc32(bytes.subarray(400), crc32(bytes.subarray(0, 400)))).toBe(zlibCrc32(bytes));
  });
});

describe("encodeTorchSave", () => {
  const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
  const bytes = encodeTorchSave(
    {
      a: { dtype: "float32", shape: [2, 3], data: x },
      b: [1, "two", null],
      t: { dtype: "float32", shape: [3, 2], strides: [1, 3], data: x },
    },
    { archiveName: "demo_LMD_Dict" },
  );

  it("writes PyTorch's records in its order, each 64-byte aligned, with correct CRCs", () => {
    const entries = readStoredZip(bytes);
    expect(entries.map((e) => e.name)).toEqual([
      "demo_LMD_Dict/data.pkl",
      "demo_LMD_Dict/byteorder",
      "demo_LMD_Dict/data/0",
      "demo_LMD_Dict/version",
    ]);
    for (const e of entries) {
      expect(e.dataOffset % 64).toBe(0);
      expect(e.crc).toBe(zlibCrc32(e.data));
    }
    expect(new TextDecoder().decode(entries[1]!.data)).toBe("little");
    expect(new TextDecoder().decode(entries[3]!.data)).toBe("3\n");
    // One storage for both views of x, its raw little-endian bytes.
    expect(new Float32Array(entries[2]!.data.slice().buffer)).toEqual(x);
  });

  it("pickles with protocol 2 and names only the globals weights_only allows", () => {
    const pkl = readStoredZip(bytes)[0]!.data;
    expect([...pkl.subarray(0, 2)]).toEqual([0x80, 2]);
    expect(pkl.at(-1)).toBe(0x2e);
    const text = new TextDecoder("latin1").decode(pkl);
    const globals = [...text.matchAll(/c([\w.]+)\n(\w+)\n/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(new Set(globals)).toEqual(
      new Set(["torch._utils._rebuild_tensor_v2", "torch.FloatStorage", "collections.OrderedDict"]),
    );
  });

  it("gives equal bytes for equal values", () => {
    const again = encodeTorchSave(
      {
        a: { dtype: "float32", shape: [2, 3], data: x },
        b: [1, "two", null],
        t: { dtype: "float32", shape: [3, 2], strides: [1, 3], data: x },
      },
      { archiveName: "demo_LMD_Dict" },
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it("writes Python floats as BINFLOAT, integral ones only when marked", () => {
    const pkl = readStoredZip(encodeTorchSave([pyFloat(2), 0.5, 2]))[0]!.data;
    expect([...pkl.subarray(2)]).toEqual([
      0x5d, 0x28, 0x47, 0x40, 0, 0, 0, 0, 0, 0, 0, 0x47, 0x3f, 0xe0, 0, 0, 0, 0, 0, 0, 0x4b, 2, 0x65, 0x2e,
    ]);
  });

  it("refuses a dtype whose data is another array type, and views past their storage", () => {
    const wrongType = () =>
      encodeTorchSave({ dtype: "float64", shape: [2], data: Float32Array.from([1, 2]) });
    expect(wrongType).toThrow(expect.objectContaining({ _tag: "UnwritableValue" }));
    const pastEnd = () =>
      encodeTorchSave({
        dtype: "float32",
        shape: [2, 2],
        strides: [2, 1],
        storageOffset: 1,
        data: x.subarray(0, 4),
      });
    expect(pastEnd).toThrow(expect.objectContaining({ _tag: "UnwritableValue" }));
  });
});
