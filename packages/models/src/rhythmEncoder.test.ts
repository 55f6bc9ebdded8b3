import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFinite, useWasmBackend } from "../test/wasmBackend.js";
import { parseModelConfig } from "./createModel.js";
import { createNoise } from "./noise.js";
import { createRhythmEncoder, type RhythmEncoder } from "./rhythmEncoder.js";
import type { RhythmConfig } from "./schema.js";

// tiny preset (dim 32, 2 heads, 1 layer, ff 64) on 16 frames of a 10-bin directogram + peak flag.
const config = parseModelConfig(
  { model: "rhythm", frames: 16, bins: 10, targetDims: 2, seed: 3 },
  "tiny",
) as RhythmConfig;
let model: RhythmEncoder;

beforeAll(async () => {
  await useWasmBackend();
  model = createRhythmEncoder(config);
});
afterAll(() => model.dispose());

describe("createRhythmEncoder (wasm)", () => {
  it("embeds [B, T, bins + 1] into finite [B, T, dim] and predicts [B, T, targetDims]", () => {
    tf.tidy(() => {
      const rhythm = createNoise(1).uniform([3, 16, 11]);
      const embedding = model.embed(rhythm);
      const prediction = model.predict(rhythm);
      expect(embedding.shape).toEqual([3, 16, 32]);
      expect(prediction.shape).toEqual([3, 16, 2]);
      expect(allFinite(embedding) && allFinite(prediction)).toBe(true);
    });
  });

  it("gives a finite positive MSE with an `mse` part equal to the loss", () => {
    tf.tidy(() => {
      const noise = createNoise(2);
      const { loss, parts } = model.loss(
        { rhythm: noise.uniform([2, 16, 11]), target: noise.normal([2, 16, 2]) },
        noise,
        true,
      );
      const value = loss.dataSync()[0]!;
      expect(Number.isFinite(value) && value > 0).toBe(true);
      expect(parts["mse"]!.dataSync()[0]).toBe(value);
    });
  });
});
