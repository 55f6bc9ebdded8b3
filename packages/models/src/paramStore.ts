/**
 * The parameters of a model: named `tf.Variable`s created once, in a fixed order, with initial values drawn
 * in JavaScript from a seeded generator (PyTorch's default `nn.Linear` bounds), so a seed gives the same
 * weights on every backend. Export and import go through plain Float32Arrays (for checkpoints); nothing
 * here knows about files.
 */
import * as tf from "@tensorflow/tfjs-core";
import { WeightsMismatch } from "./errors.js";
import { createUniform } from "./noise.js";

let variableCount = 0; // TF.js variable names are global: suffix a counter so two models can coexist

/** Named trainable variables in creation order. */
export class ParamStore {
  readonly variables = new Map<string, tf.Variable>();
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = createUniform(seed);
  }

  /** A variable with values uniform in [-bound, bound]. */
  uniform(name: string, shape: number[], bound: number): tf.Variable {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = (2 * this.next() - 1) * bound;
    return this.add(name, tf.tensor(values, shape));
  }

  /** A variable filled with `value`. */
  constant(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, tf.fill(shape, value));
  }

  /** A variable with standard normal values times `scale` (Box-Muller over the seeded generator). */
  normal(name: string, shape: number[], scale = 1): tf.Variable {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next()) * scale;
    }
    return this.add(name, tf.tensor(values, shape));
  }

  private add(name: string, initial: tf.Tensor): tf.Variable {
    if (this.variables.has(name)) throw new WeightsMismatch(name, "created twice");
    const v = tf.variable(initial, true, `${name}#${++variableCount}`);
    initial.dispose();
    this.variables.set(name, v);
    return v;
  }

  /** Number of scalar parameters. */
  count(): number {
    let n = 0;
    for (const v of this.variables.values()) n += v.size;
    return n;
  }

  /** Reads every variable (async, so it works on WebGPU). */
  async export(): Promise<Map<string, { shape: number[]; data: Float32Array }>> {
    const out = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const [name, v] of this.variables)
      out.set(name, { shape: [...v.shape], data: (await v.data()) as Float32Array });
    return out;
  }

  /** Assigns every variable from `values`; each name must be present with the same shape. */
  import(values: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>): void {
    for (const [name, v] of this.variables) {
      const w = values.get(name);
      if (w === undefined) throw new WeightsMismatch(name, "missing from the weights");
      if (w.shape.join(",") !== v.shape.join(",")) {
        throw new WeightsMismatch(
          name,
          `shape [${w.shape.join(", ")}] does not match [${v.shape.join(", ")}]`,
        );
      }
      tf.tidy(() => v.assign(tf.tensor(w.data, [...w.shape])));
    }
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}
