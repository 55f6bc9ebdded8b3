import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors } from "./index.js";

/** A safetensors buffer with a hand-written header over `dataBytes` zero bytes. */
function withHeader(header: unknown, dataBytes: number, declaredLength?: number): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + dataBytes);
  out.writeBigUInt64LE(BigInt(declaredLength ?? json.length), 0);
  json.copy(out, 8);
  return out;
}

const invalid = (tensor?: string): unknown =>
  expect.objectContaining({
    _tag: "InvalidSafetensors",
    file: "f.safetensors",
    ...(tensor ? { tensor } : {}),
  });

describe("decodeSafetensors (strict layout)", () => {
  it("accepts what encodeSafetensors writes, zero-size tensors included", () => {
    const bytes = encodeSafetensors({
      a: { dtype: "F32", shape: [2, 0], data: new Float32Array(0) },
      b: { dtype: "I16", shape: [3], data: Int16Array.from([1, -2, 3]) },
    });
    expect([...(decodeSafetensors(bytes).tensors.b!.data as Int16Array)]).toEqual([1, -2, 3]);
  });

  it("refuses overlapping tensors", () => {
    const h = {
      a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
      b: { dtype: "F32", shape: [2], data_offsets: [4, 12] },
    };
    expect(() => decodeSafetensors(withHeader(h, 12), "f.safetensors")).toThrow(invalid("b"));
  });

  it("refuses reversed offsets", () => {
    const h = { a: { dtype: "U8", shape: [0], data_offsets: [4, 0] } };
    expect(() => decodeSafetensors(withHeader(h, 4), "f.safetensors")).toThrow(invalid("a"));
  });

  it("refuses a gap between tensors and bytes past the last one", () => {
    const gap = {
      a: { dtype: "U8", shape: [2], data_offsets: [0, 2] },
      b: { dtype: "U8", shape: [2], data_offsets: [4, 6] },
    };
    expect(() => decodeSafetensors(withHeader(gap, 6), "f.safetensors")).toThrow(invalid("b"));
    const tail = { a: { dtype: "U8", shape: [2], data_offsets: [0, 2] } };
    expect(() => decodeSafetensors(withHeader(tail, 5), "f.safetensors")).toThrow(invalid("a"));
  });

  it("refuses offsets past the end of the file", () => {
    const h = { a: { dtype: "F64", shape: [4], data_offsets: [0, 32] } };
    expect(() => decodeSafetensors(withHeader(h, 16), "f.safetensors")).toThrow(invalid("a"));
  });

  it("refuses a byte length that is not dtype size times the product of the shape", () => {
    const h = { a: { dtype: "F32", shape: [2, 3], data_offsets: [0, 16] } };
    expect(() => decodeSafetensors(withHeader(h, 16), "f.safetensors")).toThrow(invalid("a"));
  });

  it("refuses unknown dtypes, bad shapes and a header that is not an object", () => {
    expect(() =>
      decodeSafetensors(
        withHeader({ a: { dtype: "Q7", shape: [1], data_offsets: [0, 1] } }, 1),
        "f.safetensors",
      ),
    ).toThrow(invalid("a"));
    expect(() =>
      decodeSafetensors(
        withHeader({ a: { dtype: "U8", shape: [-1], data_offsets: [0, 0] } }, 0),
        "f.safetensors",
      ),
    ).toThrow(invalid("a"));
    expect(() => decodeSafetensors(withHeader([1, 2], 0), "f.safetensors")).toThrow(invalid());
  });

  it("bounds the header length and keeps it inside the file", () => {
    expect(() => decodeSafetensors(withHeader({}, 0, 2 ** 40), "f.safetensors")).toThrow(invalid());
    expect(() => decodeSafetensors(withHeader({}, 0, 64), "f.safetensors")).toThrow(invalid());
    expect(() => decodeSafetensors(new Uint8Array(3), "f.safetensors")).toThrow(invalid());
  });
});
