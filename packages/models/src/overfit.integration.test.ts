import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { evalLoss, overfit, useWasmBackend } from "../test/wasmBackend.js";
import { parseModelConfig } from "./createModel.js";
import { createEdge } from "./edge.js";
import { createGenreEncoder } from "./genreEncoder.js";
import { createNoise } from "./noise.js";
import { createRhythmEncoder } from "./rhythmEncoder.js";
import type { EdgeConfig, GenreConfig, RhythmConfig } from "./schema.js";

// Plain Adam on one fixed batch of 3-4 items, tiny presets, wasm. Each model must cut its evaluation loss
// (training off, fixed noise) by the stated factor; measured here: rhythm ≈250×, genre ≈50×, EDGE ≈30×.
beforeAll(useWasmBackend);

describe("overfit (wasm)", () => {
  it("rhythm encoder: 80 steps on 3 clips cut the MSE at least 10×", () => {
    const model = createRhythmEncoder(
      parseModelConfig(
        { model: "rhythm", frames: 16, bins: 10, targetDims: 1, seed: 3 },
        "tiny",
      ) as RhythmConfig,
    );
    const target = Float32Array.from({ length: 3 * 16 }, (_, i) => Math.sin(i * 0.7));
    const batch = { rhythm: createNoise(11).uniform([3, 16, 11]), target: tf.tensor3d(target, [3, 16, 1]) };
    const before = evalLoss(model, batch);
    const losses = overfit(model, batch, { steps: 80, lr: 1e-2 });
    const after = evalLoss(model, batch);
    model.dispose();
    tf.dispose(batch);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(after).toBeLessThan(before / 10);
  });

  it("genre encoder: 30 steps on 4 clips of 4 genres cut the cross-entropy at least 10×", () => {
    const model = createGenreEncoder(
      parseModelConfig(
        { model: "genre", frames: 16, motionDims: 6, genres: 4, seed: 3 },
        "tiny",
      ) as GenreConfig,
    );
    const batch = {
      motion: createNoise(12).normal([4, 16, 6]),
      label: tf.oneHot(tf.tensor1d([0, 1, 2, 3], "int32"), 4).toFloat(),
    };
    const before = evalLoss(model, batch);
    overfit(model, batch, { steps: 30, lr: 3e-3 });
    const after = evalLoss(model, batch);
    model.dispose();
    tf.dispose(batch);
    expect(before).toBeGreaterThan(1);
    expect(after).toBeLessThan(before / 10);
  });

  it("EDGE diffusion: 60 steps on 4 clips cut the loss over 8 fixed timestep draws at least 10×", () => {
    // Condition dropout off: every step trains the conditioned path that the evaluation measures.
    const config = parseModelConfig(
      { model: "edge", frames: 8, motionDims: 6, condDims: 4, seed: 3, condDropProb: 0 },
      "tiny",
    ) as EdgeConfig;
    const model = createEdge(config);
    // smooth motion in [-0.8, 0.8] (a phase step of 0.3 rad per frame), one phase offset per clip
    const motion = Float32Array.from({ length: 4 * 8 * 6 }, (_, i) => {
      const [clip, frame, dim] = [Math.floor(i / 48), Math.floor(i / 6) % 8, i % 6];
      return 0.8 * Math.sin(0.3 * (clip * 8 + frame) + dim + 1.7 * clip);
    });
    const batch = { motion: tf.tensor3d(motion, [4, 8, 6]), cond: createNoise(13).normal([4, 8, 4]) };
    const before = evalLoss(model, batch, 8);
    overfit(model, batch, { steps: 60, lr: 3e-3 });
    const after = evalLoss(model, batch, 8);
    model.dispose();
    tf.dispose(batch);
    expect(after).toBeLessThan(before / 10);
  });
});
