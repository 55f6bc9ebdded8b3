/**
 * The body of a stage worker thread: imports the module that exports a stage (its `entry`), runs the stage
 * against the store, and posts back the output descriptors or a plain-data error. Blobs are written here,
 * directly into the store; only descriptors cross the thread boundary.
 */
import { InvalidStageUse } from "./errors.js";
import { parentPort } from "node:worker_threads";
import { createStageContext } from "./stageContext.js";
import { isStage, type Stage } from "./stage.js";
import { openStore, type Store } from "./store.js";
import { tagOf } from "./taggedError.js";
import type { WorkerRequest, WorkerResponse } from "./workerPool.js";

const stores = new Map<string, Store>();
const stages = new Map<string, Stage>();

async function findStage(entry: string, id: string): Promise<Stage> {
  const cached = stages.get(`${entry}#${id}`);
  if (cached !== undefined) return cached;
  const mod = (await import(entry)) as Record<string, unknown>;
  for (const value of Object.values(mod)) {
    if (isStage(value)) stages.set(`${entry}#${value.id}`, value);
  }
  const stage = stages.get(`${entry}#${id}`);
  if (stage === undefined) throw new InvalidStageUse(id, `not exported by ${entry}`);
  return stage;
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  const controller = new AbortController();
  let store = stores.get(req.storeRoot);
  if (store === undefined) {
    store = openStore(req.storeRoot, { durable: req.durable });
    stores.set(req.storeRoot, store);
  }
  const ctx = createStageContext({ store, item: req.item, signal: controller.signal });
  try {
    const stage = await findStage(req.entry, req.stageId);
    const outputs = await stage.run({ inputs: req.inputs as never, params: req.params, item: req.item, ctx });
    return { id: req.id, ok: true, outputs: outputs };
  } catch (error) {
    const e = error as Error & { cause?: unknown };
    return {
      id: req.id,
      ok: false,
      error: {
        tag: tagOf(error),
        name: e?.name ?? "Error",
        message: e?.message ?? String(error),
        stack: e?.stack,
      },
    };
  } finally {
    ctx.dispose();
  }
}

parentPort?.on("message", (req: WorkerRequest) => {
  void handle(req).then((res) => parentPort?.postMessage(res));
});
