import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openShardReader } from "./shardReader.js";
import { openShardWriter } from "./shardWriter.js";

describe("openShardReader", () => {
  it("reads items of stacked and ragged tensors, and the ids", () => {
    const path = join(mkdtempSync(join(tmpdir(), "shard-reader-")), "train-00000.safetensors");
    const motion = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i / 3);
    const tokens = Float64Array.from({ length: 5 * 2 }, (_, i) => -i);
    const w = openShardWriter(
      path,
      [
        { name: "motion", dtype: "F32", shape: [2, 3, 4] },
        { name: "tokens", dtype: "F64", shape: [5, 2] },
        { name: "tokens.offsets", dtype: "I64", shape: [3] },
      ],
      { ids: JSON.stringify(["a_0", "b_6"]) },
    );
    w.write("motion", 0, motion);
    w.write("tokens", 0, tokens);
    w.write("tokens.offsets", 0, BigInt64Array.from([0n, 2n, 5n]));
    w.close();
    const r = openShardReader(path);
    try {
      expect(r.ids).toEqual(["a_0", "b_6"]);
      expect(r.itemShape("motion", 1)).toEqual([3, 4]);
      expect(r.item("motion", 1)).toEqual({ dtype: "F32", shape: [3, 4], data: motion.slice(12) });
      expect(r.itemShape("tokens", 1)).toEqual([3, 2]);
      expect(r.item("tokens", 1)).toEqual({ dtype: "F64", shape: [3, 2], data: tokens.slice(4) });
      expect(r.item("tokens", 0).data).toEqual(tokens.slice(0, 4));
      expect(() => r.item("motion", 2)).toThrow(RangeError);
    } finally {
      r.close();
    }
  });
});
