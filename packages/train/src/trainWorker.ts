/**
 * The entry of a data-parallel training worker (`createParallelEngine`): starts its own wasm backend (with
 * choreo's matmul kernel), builds a Replica from `workerData` and answers one request at a time. Gradients
 * go out through this worker's shared buffer and the averaged ones come back through the shared average
 * buffer, so no gradient is copied through messages.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ModelConfig } from "@choreo/models";
import { initBackend } from "./backend.js";
import { Replica, type MicroBatch, type TrainState } from "./replica.js";
import type { ResolvedTrainConfig } from "./schema.js";

export interface WorkerInit {
  readonly modelConfig: ModelConfig;
  readonly config: ResolvedTrainConfig;
  readonly fastMatMul: boolean;
  /** This worker's index in `grads`. */
  readonly rank: number;
  /** Every worker's summed gradients (this worker writes `grads[rank]`), and the pool's averaged gradients. */
  readonly grads: readonly SharedArrayBuffer[];
  readonly average: SharedArrayBuffer;
}

export type WorkerRequest =
  | { readonly op: "accumulate"; readonly micro: readonly MicroBatch[]; readonly klScale: number }
  | { readonly op: "reduce"; readonly scale: number }
  | { readonly op: "update"; readonly lr: number }
  | { readonly op: "evaluate"; readonly batches: readonly MicroBatch[] }
  | { readonly op: "state" }
  | { readonly op: "load"; readonly state: TrainState };

export type WorkerReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly message: string; readonly tag?: string } };

async function serve(port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  await initBackend("wasm", { wasmMatMul: init.fastMatMul ? "xnnpack" : "stock" });
  const replica = new Replica(init.modelConfig, init.config);
  const all = init.grads.map((b) => new Float32Array(b));
  const grads = all[init.rank]!;
  const average = new Float32Array(init.average);
  // This worker's slice of the average: [from, to).
  const per = Math.ceil(average.length / all.length);
  const [from, to] = [init.rank * per, Math.min(average.length, (init.rank + 1) * per)];
  const handle = async (req: WorkerRequest): Promise<unknown> => {
    switch (req.op) {
      case "accumulate": {
        const r = await replica.accumulate(req.micro, { klScale: req.klScale });
        await replica.flatten(r.grads, grads);
        return r.loss;
      }
      case "reduce": {
        // Sums in worker order, then × 1/scale: the same float rounding whichever worker owns the slice.
        average.set(all[0]!.subarray(from, to), from);
        for (const g of all.slice(1)) for (let j = from; j < to; j++) average[j]! += g[j]!;
        const k = Math.fround(1 / req.scale);
        if (req.scale > 1) for (let j = from; j < to; j++) average[j]! *= k;
        return null;
      }
      case "update":
        return replica.update(replica.unflatten(average), req.lr);
      case "evaluate":
        return replica.evaluate(req.batches);
      case "state":
        return replica.state();
      case "load":
        replica.load(req.state);
        return null;
    }
  };
  // Requests arrive one at a time (the pool awaits each reply), so handling them in order is enough.
  port.on("message", (req: WorkerRequest) => {
    handle(req).then(
      (value) => port.postMessage({ ok: true, value } satisfies WorkerReply),
      (e: unknown) =>
        port.postMessage({
          ok: false,
          error: {
            message: e instanceof Error ? e.message : String(e),
            ...((e as { _tag?: string })._tag !== undefined ? { tag: (e as { _tag: string })._tag } : {}),
          },
        } satisfies WorkerReply),
    );
  });
  port.postMessage({ ok: true, value: "ready" } satisfies WorkerReply);
}

if (parentPort !== null) void serve(parentPort, workerData as WorkerInit);
