import { describe, expect, it } from "vitest";
import { meanPool } from "./textEmbedding.js";

describe("meanPool", () => {
  it("averages every token row, special tokens included", () => {
    const embeddings = {
      inputIds: Int32Array.from([2, 7, 3]),
      data: Float32Array.from([1, 2, 3, 4, 5, 9]),
      tokens: 3,
      hiddenSize: 2,
    };
    expect(Array.from(meanPool(embeddings))).toEqual([3, Math.fround(15 / 3)]);
  });

  it("gives zeros for zero tokens", () => {
    const empty = { inputIds: new Int32Array(0), data: new Float32Array(0), tokens: 0, hiddenSize: 3 };
    expect(Array.from(meanPool(empty))).toEqual([0, 0, 0]);
  });
});
