import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFinite, useWasmBackend } from "../test/wasmBackend.js";
import { parseModelConfig } from "./createModel.js";
import { createEdge, type EdgeModel } from "./edge.js";
import { createNoise } from "./noise.js";
import type { EdgeConfig } from "./schema.js";

// tiny preset (latent 32, 1 decoder + 1 condition layer, 2 heads, ff 64, 5 DDIM steps) on 8 frames.
const config = parseModelConfig(
  { model: "edge", frames: 8, motionDims: 6, condDims: 4, seed: 3 },
  "tiny",
) as EdgeConfig;
let model: EdgeModel;

beforeAll(async () => {
  await useWasmBackend();
  model = createEdge(config);
});
afterAll(() => model.dispose());

describe("createEdge (wasm)", () => {
  it("denoises [B, T, motionDims] at per-item steps into a finite x̂0 of the same shape, with and without the condition", () => {
    tf.tidy(() => {
      const noise = createNoise(1);
      const x = noise.normal([3, 8, 6]);
      const cond = noise.normal([3, 8, 4]);
      const conditioned = model.denoise(x, cond, [0, 500, 999], tf.ones([3]));
      const unconditioned = model.denoise(x, cond, [0, 500, 999], tf.zeros([3]));
      expect(conditioned.shape).toEqual([3, 8, 6]);
      expect(allFinite(conditioned) && allFinite(unconditioned)).toBe(true);
      // the null condition replaces the music, so the two predictions differ
      expect(tf.max(tf.abs(tf.sub(conditioned, unconditioned))).dataSync()[0]).toBeGreaterThan(1e-4);
    });
  });

  it("samples [B, T, motionDims] with DDIM and guidance, clipped to [-1, 1]", () => {
    tf.tidy(() => {
      const noise = createNoise(2);
      const sample = model.sample(noise.normal([2, 8, 4]), noise);
      expect(sample.shape).toEqual([2, 8, 6]);
      const values = sample.dataSync() as Float32Array;
      expect(values.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
    });
  });

  it("gives a finite loss with its simple and velocity parts", () => {
    tf.tidy(() => {
      const noise = createNoise(3);
      const { loss, parts } = model.loss(
        { motion: noise.normal([2, 8, 6]), cond: noise.normal([2, 8, 4]) },
        noise,
        true,
      );
      const [simple, velocity] = [parts["simple"]!.dataSync()[0]!, parts["velocity"]!.dataSync()[0]!];
      expect(loss.dataSync()[0]).toBeCloseTo(
        config.simpleWeight * simple + config.velocityWeight * velocity,
        4,
      );
    });
  });
});
