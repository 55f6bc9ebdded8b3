/**
 * AdamW as `torch.optim.AdamW` (decoupled weight decay: p ← p·(1 − lr·wd), then the bias-corrected Adam step),
 * global-norm gradient clipping as `torch.nn.utils.clip_grad_norm_` (coefficient computed on the device, no
 * read-back), and an exponential moving average of the weights. State lives in tf.Variables named after the
 * parameters so checkpoints can save and restore it exactly.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ParamStore } from "@choreo/models";

export interface AdamWOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
}

/** Optimizer state and update for the variables of one ParamStore. */
export class AdamW {
  readonly m = new Map<string, tf.Variable>();
  readonly v = new Map<string, tf.Variable>();
  step = 0;

  constructor(
    readonly params: ParamStore,
    readonly options: AdamWOptions,
  ) {
    for (const [name, p] of params.variables) {
      this.m.set(name, tf.variable(tf.zerosLike(p), false));
      this.v.set(name, tf.variable(tf.zerosLike(p), false));
    }
  }

  /** Applies one update with learning rate `lr`; `grads` are keyed by variable name (tf's), as variableGrads gives. */
  apply(grads: Readonly<Record<string, tf.Tensor>>, lr: number): void {
    this.step++;
    const { beta1, beta2, eps, weightDecay } = this.options;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    tf.tidy(() => {
      for (const [name, p] of this.params.variables) {
        const g = grads[p.name];
        if (g === undefined) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), eps));
        p.assign(tf.sub(tf.mul(p, 1 - lr * weightDecay), tf.mul(update, lr)));
      }
    });
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}

/** Scales `grads` so their global L2 norm is at most `maxNorm`; returns the new grads and the norm before. */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  return tf.tidy(() => {
    // Pairwise adds, not tf.addN: one AddN over every gradient needs more storage bindings than WebGPU allows (8 on lavapipe).
    const norm = tf.sqrt(
      Object.values(grads)
        .map((g) => tf.sum(tf.square(g)))
        .reduce((a, b) => tf.add(a, b)),
    ) as tf.Scalar;
    if (maxNorm <= 0) return { grads: { ...grads }, norm };
    const coef = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    const out: Record<string, tf.Tensor> = {};
    for (const [k, g] of Object.entries(grads)) out[k] = tf.mul(g, coef);
    return { grads: out, norm };
  });
}

/** Shadow copies of the parameters, updated as ema ← decay·ema + (1 − decay)·p. */
export class Ema {
  readonly shadow = new Map<string, tf.Variable>();

  constructor(
    readonly params: ParamStore,
    readonly decay: number,
  ) {
    for (const [name, p] of params.variables) this.shadow.set(name, tf.variable(tf.clone(p), false));
  }

  update(): void {
    tf.tidy(() => {
      for (const [name, p] of this.params.variables) {
        const s = this.shadow.get(name)!;
        s.assign(tf.add(tf.mul(s, this.decay), tf.mul(p, 1 - this.decay)));
      }
    });
  }

  dispose(): void {
    for (const t of this.shadow.values()) t.dispose();
  }
}
