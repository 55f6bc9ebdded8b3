import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFinite, useWasmBackend } from "../test/wasmBackend.js";
import { parseModelConfig } from "./createModel.js";
import { createGenreEncoder, type GenreEncoder } from "./genreEncoder.js";
import { createNoise } from "./noise.js";
import type { GenreConfig } from "./schema.js";

// tiny preset (dim 32, 2 heads, 1 layer, ff 64) on 16 frames of 6-d motion, 4 genres.
const config = parseModelConfig(
  { model: "genre", frames: 16, motionDims: 6, genres: 4, seed: 3 },
  "tiny",
) as GenreConfig;
let model: GenreEncoder;

beforeAll(async () => {
  await useWasmBackend();
  model = createGenreEncoder(config);
});
afterAll(() => model.dispose());

describe("createGenreEncoder (wasm)", () => {
  it("pools motion [B, T, motionDims] into a finite [B, dim] embedding and [B, genres] logits", () => {
    tf.tidy(() => {
      const motion = createNoise(1).normal([3, 16, 6]);
      const embedding = model.embed(motion);
      const logits = model.logits(motion);
      expect(embedding.shape).toEqual([3, 32]);
      expect(logits.shape).toEqual([3, 4]);
      expect(allFinite(embedding) && allFinite(logits)).toBe(true);
    });
  });

  it("starts near the uniform guess: cross-entropy within 0.5 of ln(genres)", () => {
    tf.tidy(() => {
      const noise = createNoise(2);
      const label = tf.oneHot(tf.tensor1d([0, 1, 2, 3], "int32"), 4).toFloat();
      const ce = model.loss({ motion: noise.normal([4, 16, 6]), label }, noise, false).loss.dataSync()[0]!;
      // PyTorch-style init keeps the logits small, so the untrained loss sits close to ln 4 ≈ 1.386.
      expect(Math.abs(ce - Math.log(4))).toBeLessThan(0.5);
    });
  });
});
