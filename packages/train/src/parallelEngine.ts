/**
 * Data-parallel training over worker threads, each with its own wasm backend and a replica of the model and
 * optimizer (TF.js keeps wasm threads off in Node, so this is how a second core trains). A step gives each
 * worker an equal, contiguous share of the micro-batches; the workers sum their gradients into shared
 * buffers, then each worker adds one slice of every worker's sums, in worker order, and scales by 1/K into
 * a shared average (a reduce-scatter over shared memory: no thread sums the whole model alone), and every
 * worker applies the same clipped AdamW update, so the replicas stay identical without sending weights.
 * Checkpoints read worker 0. The result equals a one-thread run with the same micro-batches up to float
 * rounding (the order of the gradient sums).
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createModel, type ModelConfig } from "@choreo/models";
import type { Engine } from "./engine.js";
import { TrainingDiverged } from "./errors.js";
import type { MicroBatch, TrainState } from "./replica.js";
import type { ResolvedTrainConfig } from "./schema.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./trainWorker.js";

interface Rank {
  readonly worker: Worker;
  /** Resolvers of the requests in flight, in order (a worker answers in order). */
  readonly waiting: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

/**
 * The worker next to this module: the .js build, or the .ts source through tsx's loader (tests and benches
 * run sources; `--import` in a Worker's execArgv does not install loaders in Node 20, `register` does).
 */
function createWorker(workerData: WorkerInit): Worker {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith(".ts"))
    return new Worker(self.replace(/parallelEngine\.js$/, "trainWorker.js"), { workerData });
  const entry = pathToFileURL(self.replace(/parallelEngine\.ts$/, "trainWorker.ts")).href;
  const boot = `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData, execArgv: ["--conditions=@choreo/source"] });
}

function startRank(init: Omit<WorkerInit, "rank">, rank: number): Promise<Rank> {
  const worker = createWorker({ ...init, rank });
  const self: Rank = { worker, waiting: [] };
  const fail = (e: Error): void => {
    for (const w of self.waiting.splice(0)) w.reject(e);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`[train] training worker exited (code ${code})`)));
  worker.on("message", (reply: WorkerReply) => {
    const w = self.waiting.shift();
    if (reply.ok) w?.resolve(reply.value);
    else
      w?.reject(
        Object.assign(
          new Error(reply.error.message),
          reply.error.tag !== undefined ? { _tag: reply.error.tag } : {},
        ),
      );
  });
  return new Promise((resolve, reject) => self.waiting.push({ resolve: () => resolve(self), reject }));
}

function call<T>(rank: Rank, req: WorkerRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    rank.waiting.push({ resolve: (v) => resolve(v as T), reject });
    rank.worker.postMessage(req);
  });
}

/** Starts `config.workers` workers for `modelConfig` (wasm backend each; `fastMatMul` false keeps the stock kernel). */
export async function createParallelEngine(
  modelConfig: ModelConfig,
  config: ResolvedTrainConfig,
  options: { fastMatMul?: boolean } = {},
): Promise<Engine> {
  const probe = createModel(modelConfig); // on this thread's backend, only to size the shared buffers
  const size = probe.params.count();
  probe.dispose();
  const averageBuffer = new SharedArrayBuffer(size * 4);
  const grads = Array.from({ length: config.workers }, () => new SharedArrayBuffer(size * 4));
  const init = { modelConfig, config, fastMatMul: options.fastMatMul ?? true, grads, average: averageBuffer };
  const settled = await Promise.allSettled(
    Array.from({ length: config.workers }, (_, rank) => startRank(init, rank)),
  );
  const ranks = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const closeAll = async (): Promise<void> => {
    await Promise.all(ranks.map((r) => r.worker.terminate()));
  };
  const failed = settled.find((s) => s.status === "rejected");
  if (failed !== undefined) {
    await closeAll();
    throw failed.reason;
  }
  const all = <T>(req: (rank: number) => WorkerRequest): Promise<T[]> =>
    Promise.all(ranks.map((r, i) => call<T>(r, req(i))));
  return {
    parameters: size,
    async step(micro, options) {
      const per = micro.length / ranks.length;
      const losses = await all<number>((i) => ({
        op: "accumulate",
        micro: micro.slice(i * per, (i + 1) * per),
        klScale: options.klScale * micro.length,
      }));
      await all(() => ({ op: "reduce", scale: micro.length }));
      const norms = await all<number>(() => ({ op: "update", lr: options.lr }));
      const loss = losses.reduce((a, b) => a + b, 0) / micro.length;
      if (norms.some((n) => n !== norms[0]))
        throw new TrainingDiverged(-1, "data-parallel replicas diverged (gradient norms differ)");
      return { loss, gradNorm: norms[0]! };
    },
    async evaluate(batches: readonly MicroBatch[]) {
      const shares = await all<number[]>((i) => ({
        op: "evaluate",
        batches: batches.filter((_, j) => j % ranks.length === i),
      }));
      return batches.map((_, j) => shares[j % ranks.length]![Math.floor(j / ranks.length)]!);
    },
    state: () => call<TrainState>(ranks[0]!, { op: "state" }),
    async load(state) {
      await all(() => ({ op: "load", state }));
    },
    async finish() {
      const state = await call<TrainState>(ranks[0]!, { op: "state" });
      await closeAll();
      const model = createModel(modelConfig);
      model.params.import(state.weights);
      return model;
    },
    dispose: closeAll,
  };
}
