import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors } from "@choreo/core";
import { openShardWriter, readSafetensorsHeader } from "./index.js";

describe("openShardWriter", () => {
  it("writes item by item the same bytes as encoding the stacked tensors at once", () => {
    const items = [0, 1, 2].map((i) => ({
      a: Float32Array.from({ length: 6 }, (_, k) => i * 10 + k),
      b: Int32Array.from({ length: 2 }, (_, k) => -i - k),
    }));
    const path = join(mkdtempSync(join(tmpdir(), "shard-")), "s.safetensors");
    const w = openShardWriter(
      path,
      [
        { name: "b", dtype: "I32", shape: [3, 2] },
        { name: "a", dtype: "F32", shape: [3, 2, 3] },
      ],
      { split: "train" },
    );
    items.forEach((it, i) => {
      w.write("a", i * 6, it.a);
      w.write("b", i * 2, it.b);
    });
    w.close();
    const expected = encodeSafetensors(
      {
        a: { dtype: "F32", shape: [3, 2, 3], data: Float32Array.from(items.flatMap((x) => [...x.a])) },
        b: { dtype: "I32", shape: [3, 2], data: Int32Array.from(items.flatMap((x) => [...x.b])) },
      },
      { split: "train" },
    );
    const bytes = readFileSync(path);
    expect(Buffer.compare(bytes, Buffer.from(expected))).toBe(0);
    expect((8 + Number(bytes.readBigUInt64LE(0))) % 8).toBe(0);
    expect(readSafetensorsHeader(path).tensors.a?.shape).toEqual([3, 2, 3]);
    expect([...(decodeSafetensors(bytes).tensors.b!.data as Int32Array)]).toEqual([0, -1, -1, -2, -2, -3]);
  });

  it("refuses a write past the end of a tensor", () => {
    const path = join(mkdtempSync(join(tmpdir(), "shard-")), "s.safetensors");
    const w = openShardWriter(path, [{ name: "x", dtype: "F32", shape: [2] }], {});
    expect(() => w.write("x", 1, new Float32Array(2))).toThrow(RangeError);
    w.close();
  });
});
