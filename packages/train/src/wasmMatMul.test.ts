import * as tf from "@tensorflow/tfjs-core";
import {
  createNoise,
  createTransformerCvae,
  parseModelConfig,
  type TransformerCvaeConfig,
} from "@choreo/models";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "./backend.js";
import { useFastWasmMatMul } from "./wasmMatMul.js";

beforeAll(async () => {
  await initBackend("wasm");
});
afterEach(() => useFastWasmMatMul(true));

/** max |a − b| / max |a|. */
function relError(ref: tf.Tensor, got: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(ref, got))).dataSync()[0]! / tf.max(tf.abs(ref)).dataSync()[0]!);
}

function both<T>(f: () => T): [T, T] {
  useFastWasmMatMul(false);
  const ref = f();
  useFastWasmMatMul(true);
  return [ref, f()];
}

describe("useFastWasmMatMul", () => {
  const shapes: Array<[string, number[], number[]]> = [
    ["2-D", [37, 70], [70, 29]],
    ["batched", [6, 37, 70], [6, 70, 29]],
    ["rank 4", [2, 3, 37, 70], [2, 3, 70, 29]],
    ["shared B", [6, 37, 70], [70, 29]],
    ["shared A", [37, 70], [6, 70, 29]],
  ];
  const transposed = (s: number[], t: boolean): number[] =>
    t ? [...s.slice(0, -2), s.at(-1)!, s.at(-2)!] : s;
  for (const [name, sa, sb] of shapes) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`equals the stock kernel: ${name}, transposeA ${ta}, transposeB ${tb}`, () => {
        const a = tf.randomNormal(transposed(sa, ta), 0, 1, "float32", 1);
        const b = tf.randomNormal(transposed(sb, tb), 0, 1, "float32", 2);
        const [ref, got] = both(() => tf.matMul(a, b, ta, tb));
        expect(got.shape).toEqual(ref.shape);
        // rtol 1e-5: the same float32 products summed in another order (XNNPACK's blocking).
        expect(relError(ref, got)).toBeLessThan(1e-5);
        tf.dispose([a, b, ref, got]);
      });
    }
  }

  it("gives the stock loss and gradients of a Transformer CVAE to 5 digits", () => {
    const config = parseModelConfig({
      model: "cvae",
      frames: 24,
      motionDims: 9,
      condDims: 7,
      latentDim: 32,
      layers: 2,
      heads: 4,
      ffDim: 64,
    }) as TransformerCvaeConfig;
    const model = createTransformerCvae(config);
    const noise = createNoise(5);
    const batch = { motion: noise.normal([3, 24, 9]), cond: noise.normal([3, 24, 7]) };
    const vars = [...model.params.variables.values()];
    const run = (): { value: tf.Scalar; grads: tf.NamedTensorMap } =>
      tf.variableGrads(() => model.loss(batch, createNoise(9), true).loss, vars);
    const [ref, got] = both(run);
    expect(got.value.arraySync()).toBeCloseTo(ref.value.arraySync(), 5);
    // Against the largest gradient: the key bias's gradient is zero in exact arithmetic (softmax ignores a
    // per-query shift), so its own relative error is rounding noise over rounding noise.
    const maxAbs = (t: tf.Tensor): number => tf.max<tf.Scalar>(tf.abs(t)).arraySync();
    const scale = Math.max(...Object.values(ref.grads).map(maxAbs));
    const fast = new Map(Object.entries(got.grads));
    for (const [name, g] of Object.entries(ref.grads))
      expect(maxAbs(tf.sub(g, fast.get(name) ?? g)) / scale, name).toBeLessThan(1e-5);
    expect(fast.size).toBe(Object.keys(ref.grads).length);
    model.dispose();
  });
});
