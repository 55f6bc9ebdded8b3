import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBertModel, type BertModel } from "./bertModel.js";
import { meanPool } from "./textEmbedding.js";

// The tiny random BERT and torch's outputs, written by test/fixtures/make_tiny_bert.py.
const modelsDir = new URL("../test/fixtures/", import.meta.url).pathname;
interface GoldenSentence {
  readonly text: string;
  readonly inputIds: number[];
  readonly shape: [number, number];
  readonly lastHiddenState: number[];
  readonly mean: number[];
}
const golden = JSON.parse(readFileSync(join(modelsDir, "tiny-bert", "golden.json"), "utf8")) as {
  sentences: GoldenSentence[];
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe("loadBertModel", () => {
  let model: BertModel;
  beforeAll(async () => {
    model = await loadBertModel({ modelsDir, modelId: "tiny-bert" });
  });
  afterAll(() => model.dispose());

  it("reads the width and the token limit from the folder", () => {
    expect(model.hiddenSize).toBe(32);
    expect(model.maxTokens).toBe(64);
    expect(model.modelId).toBe("tiny-bert");
  });

  it.each(golden.sentences.map((s) => [s.text, s] as const))("matches torch on %j", async (_, sentence) => {
    const out = await model.embed(sentence.text);
    expect(Array.from(out.inputIds)).toEqual(sentence.inputIds);
    expect([out.tokens, out.hiddenSize]).toEqual(sentence.shape);
    // atol 1e-5: float32 torch 1.13 eager vs onnxruntime 1.30 on the exported graph (observed ≤ 1e-6)
    expect(maxAbsDiff(out.data, sentence.lastHiddenState)).toBeLessThan(1e-5);
    expect(maxAbsDiff(meanPool(out), sentence.mean)).toBeLessThan(1e-5);
  });

  it("truncates inputs longer than max_position_embeddings, keeping [SEP]", async () => {
    const out = await model.embed(Array.from({ length: 100 }, () => "love").join(" "));
    expect(out.tokens).toBe(64);
    expect(out.inputIds[63]).toBe(3);
  });

  it("rejects a folder without the model files with ModelNotFound", async () => {
    const empty = mkdtempSync(join(tmpdir(), "choreo-bert-"));
    await expect(loadBertModel({ modelsDir: empty })).rejects.toMatchObject({ _tag: "ModelNotFound" });
  });

  it("rejects a folder whose ONNX file is not a model with ModelLoadFailed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-bert-"));
    cpSync(join(modelsDir, "tiny-bert"), join(dir, "broken"), { recursive: true });
    writeFileSync(join(dir, "broken", "onnx", "model.onnx"), "not an onnx graph");
    await expect(loadBertModel({ modelsDir: dir, modelId: "broken" })).rejects.toMatchObject({
      _tag: "ModelLoadFailed",
    });
  });
});
