/**
 * One copy of the training state on the current backend: the model, AdamW and the EMA, and the two halves
 * of a step, so that a step can be split across threads. `accumulate` sums the loss and the gradients of
 * some micro-batches; `update` takes the averaged gradients, clips them, applies AdamW and updates the EMA.
 * In one thread a step is accumulate → ×1/K → update; data-parallel workers exchange the sums in between.
 * Gradients cross threads as one flat Float32Array in parameter order.
 */
import * as tf from "@tensorflow/tfjs-core";
import { createModel, createNoise, type Model, type ModelConfig } from "@choreo/models";
import { AdamW, clipByGlobalNorm, Ema } from "./adamW.js";
import type { NamedArrays } from "./checkpoint.js";
import type { ResolvedTrainConfig } from "./schema.js";
import type { ArrayInput } from "./task.js";

/** The inputs of one forward/backward pass and the seed of its noise (dropout, latent draws). */
export interface MicroBatch {
  readonly inputs: Readonly<Record<string, ArrayInput>>;
  readonly seed: number;
}

/** Everything a checkpoint holds of the weights and the optimizer. */
export interface TrainState {
  readonly weights: NamedArrays;
  readonly ema?: NamedArrays;
  readonly m: NamedArrays;
  readonly v: NamedArrays;
  readonly optimizerStep: number;
}

/** Per-pass loss options: `klScale` already includes the micro-batch factor (see `accumulate`). */
export interface PassOptions {
  readonly klScale: number;
}

const toTensors = (inputs: MicroBatch["inputs"]): Record<string, tf.Tensor> =>
  Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]));

async function readAll(vars: ReadonlyMap<string, tf.Variable>): Promise<NamedArrays> {
  const out: NamedArrays = new Map();
  for (const [k, v] of vars) out.set(k, { shape: [...v.shape], data: (await v.data()) as Float32Array });
  return out;
}

/** A model with its optimizer and EMA on the current backend. */
export class Replica {
  readonly model: Model;
  readonly optimizer: AdamW;
  readonly ema: Ema | undefined;
  private readonly vars: tf.Variable[];

  constructor(
    modelConfig: ModelConfig,
    readonly config: ResolvedTrainConfig,
  ) {
    this.model = createModel(modelConfig);
    this.optimizer = new AdamW(this.model.params, config);
    this.ema = config.emaDecay > 0 ? new Ema(this.model.params, config.emaDecay) : undefined;
    this.vars = [...this.model.params.variables.values()];
  }

  /** Number of scalar parameters (the length of a flat gradient). */
  get size(): number {
    return this.model.params.count();
  }

  /**
   * Sums the training loss and gradients over `micro`, keyed by parameter name. A CVAE's KL is summed over
   * its batch, so `options.klScale` is multiplied by the number of micro-batches in the whole step by the
   * caller: the average over micro-batches then equals the loss of the whole batch.
   */
  async accumulate(
    micro: readonly MicroBatch[],
    options: PassOptions,
  ): Promise<{ loss: number; grads: Map<string, tf.Tensor> }> {
    let loss = 0;
    let sums: Map<string, tf.Tensor> | undefined;
    for (const mb of micro) {
      const batch = toTensors(mb.inputs);
      const { value, grads } = tf.variableGrads(
        () => this.model.loss(batch, createNoise(mb.seed), true, { klScale: options.klScale }).loss,
        this.vars,
      );
      loss += (await value.data())[0]!;
      const named = new Map([...this.model.params.variables].map(([name, p]) => [name, grads[p.name]!]));
      if (sums === undefined) sums = named;
      else {
        for (const [name, g] of named) {
          const s = sums.get(name)!;
          sums.set(name, tf.add(s, g));
          tf.dispose([s, g]);
        }
      }
      tf.dispose([value, ...Object.values(batch)]);
    }
    return { loss, grads: sums ?? new Map<string, tf.Tensor>() };
  }

  /** Clips `grads` (averaged, keyed by parameter name), applies AdamW with `lr`, updates the EMA; disposes `grads`; returns the norm before clipping. */
  async update(grads: Map<string, tf.Tensor>, lr: number): Promise<number> {
    const byVar = Object.fromEntries(
      [...this.model.params.variables].map(([name, p]) => [p.name, grads.get(name)!]),
    );
    const clipped = clipByGlobalNorm(byVar, this.config.clipNorm);
    this.optimizer.apply(clipped.grads, lr);
    this.ema?.update();
    const norm = (await clipped.norm.data())[0]!;
    tf.dispose([clipped.norm, ...grads.values(), ...Object.values(clipped.grads)]);
    return norm;
  }

  /** The evaluation loss of each batch (no dropout, noise from each batch's seed). */
  async evaluate(batches: readonly MicroBatch[]): Promise<number[]> {
    const out: number[] = [];
    for (const mb of batches) {
      const loss = tf.tidy(() => this.model.loss(toTensors(mb.inputs), createNoise(mb.seed), false).loss);
      out.push((await loss.data())[0]!);
      loss.dispose();
    }
    return out;
  }

  /** Flattens named gradients into one array in parameter order (disposes them). */
  async flatten(
    grads: Map<string, tf.Tensor>,
    flat: Float32Array<ArrayBufferLike> = new Float32Array(this.size),
  ): Promise<Float32Array<ArrayBufferLike>> {
    let offset = 0;
    for (const name of this.model.params.variables.keys()) {
      const g = grads.get(name)!;
      flat.set(await g.data(), offset);
      offset += g.size;
      g.dispose();
    }
    return flat;
  }

  /** Named gradient tensors from a flat array in parameter order. */
  unflatten(flat: Float32Array<ArrayBufferLike>): Map<string, tf.Tensor> {
    const out = new Map<string, tf.Tensor>();
    let offset = 0;
    for (const [name, p] of this.model.params.variables) {
      out.set(name, tf.tensor(flat.subarray(offset, offset + p.size), p.shape));
      offset += p.size;
    }
    return out;
  }

  async state(): Promise<TrainState> {
    return {
      weights: await this.model.params.export(),
      ...(this.ema !== undefined ? { ema: await readAll(this.ema.shadow) } : {}),
      m: await readAll(this.optimizer.m),
      v: await readAll(this.optimizer.v),
      optimizerStep: this.optimizer.step,
    };
  }

  load(state: TrainState): void {
    this.model.params.import(state.weights);
    const assign = (vars: ReadonlyMap<string, tf.Variable>, from: NamedArrays): void => {
      for (const [name, v] of vars) tf.tidy(() => v.assign(tf.tensor(from.get(name)!.data, v.shape)));
    };
    assign(this.optimizer.m, state.m);
    assign(this.optimizer.v, state.v);
    this.optimizer.step = state.optimizerStep;
    if (this.ema !== undefined && state.ema !== undefined) assign(this.ema.shadow, state.ema);
  }

  /** Releases the optimizer and EMA; the model stays (the caller owns it). */
  release(): Model {
    this.optimizer.dispose();
    this.ema?.dispose();
    return this.model;
  }
}
