import { describe, expect, it } from "vitest";
import { parsePickle, isNdArray } from "@choreo/ingest";
import { encodePickleDict } from "./pickleWriter.js";

describe("encodePickleDict", () => {
  it("writes numpy arrays that the safe unpickler reads back with shape, dtype and values", () => {
    const q = Float32Array.from({ length: 6 }, (_, i) => i / 4);
    const bytes = encodePickleDict({
      pos: { dtype: "float32", shape: [2, 3], data: q },
      n: 300,
      name: "gBR",
    });
    const value = parsePickle(bytes) as Map<string, unknown>;
    const pos = value.get("pos");
    expect(isNdArray(pos as never)).toBe(true);
    expect((pos as { shape: number[] }).shape).toEqual([2, 3]);
    expect([...(pos as { data: Float32Array }).data]).toEqual([...q]);
    expect(value.get("n")).toBe(300);
    expect(value.get("name")).toBe("gBR");
  });
});
