import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { createModel, parseModelConfig } from "./createModel.js";
import { createNoise } from "./noise.js";
import { klDivergence } from "./transformerCvae.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("parseModelConfig", () => {
  it("fills the JustLMD reference sizes by default", () => {
    const c = parseModelConfig({ model: "cvae" });
    expect(c).toMatchObject({
      frames: 180,
      motionDims: 78,
      condDims: 256,
      latentDim: 512,
      layers: 4,
      heads: 4,
      ffDim: 1024,
      klWeight: 1e-5,
    });
  });

  it("rejects a width not divisible by the heads with ModelConfigInvalid", () => {
    expect(() => parseModelConfig({ model: "cvae", latentDim: 30, heads: 4 })).toThrow(
      expect.objectContaining({ _tag: "ModelConfigInvalid" }),
    );
  });
});

describe("createModel", () => {
  it("gives the same initial weights for a seed", async () => {
    const c = parseModelConfig({ model: "edge", frames: 6, motionDims: 4, condDims: 3, seed: 5 }, "tiny");
    const [a, b] = [createModel(c), createModel(c)];
    const [wa, wb] = [await a.params.export(), await b.params.export()];
    for (const [k, v] of wa) expect(Array.from(v.data)).toEqual(Array.from(wb.get(k)!.data));
    a.dispose();
    b.dispose();
  });

  it("refuses a batch of the wrong shape with BatchShapeMismatch", () => {
    const m = createModel(
      parseModelConfig({ model: "cvae-mlp", frames: 6, motionDims: 4, condDims: 3 }, "tiny"),
    );
    const noise = createNoise(0);
    expect(() =>
      m.loss({ motion: noise.normal([2, 5, 4]), cond: noise.normal([2, 6, 3]) }, noise, true),
    ).toThrow(expect.objectContaining({ _tag: "BatchShapeMismatch" }));
    m.dispose();
  });
});

describe("klDivergence", () => {
  it("sums -0.5·(1 + logvar − μ² − e^logvar) over batch and dims", async () => {
    const kl = klDivergence(
      tf.tensor2d([
        [1, 0],
        [0, 2],
      ]),
      tf.tensor2d([
        [0, Math.log(2)],
        [0, 0],
      ]),
    );
    // items: 0.5·1 + 0.5·(2 − 1 − ln 2) + 0 + 0.5·4
    expect((await kl.data())[0]).toBeCloseTo(0.5 + 0.5 * (1 - Math.log(2)) + 2, 5);
  });
});
