/**
 * A pool of worker threads that run CPU-bound stages, one action per thread at a time, so a build uses
 * every core. Threads start lazily and are reused; `terminate` stops them (cancel). When running from
 * TypeScript sources (tests), workers load them through tsx.
 */
import { Cancelled } from "./errors.js";
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Artifact, Json } from "./schema.js";

export interface WorkerRequest {
  readonly id: number;
  readonly entry: string;
  readonly stageId: string;
  readonly params: unknown;
  readonly inputs: Readonly<Record<string, Artifact | readonly Artifact[]>>;
  readonly item: string;
  readonly storeRoot: string;
  readonly durable: boolean;
}

export interface WorkerError {
  readonly tag: string | undefined;
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

export interface WorkerResponse {
  readonly id: number;
  readonly ok: boolean;
  readonly outputs?: Readonly<Record<string, Artifact | readonly Artifact[]>>;
  readonly error?: WorkerError;
}

/** An error rebuilt from a worker's plain-data error, keeping its tag. */
export class WorkerStageError extends Error {
  readonly _tag: string;
  constructor(error: WorkerError) {
    super(error.message);
    this._tag = error.tag ?? "WorkerStageError";
    this.name = error.name;
    if (error.stack !== undefined) this.stack = error.stack;
  }
}

export interface WorkerPool {
  run(request: Omit<WorkerRequest, "id">): Promise<Record<string, Artifact | readonly Artifact[]>>;
  terminate(): Promise<void>;
  readonly size: number;
}

interface Slot {
  worker: Worker;
  pending: { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void } | undefined;
}

const fromSource = import.meta.url.endsWith(".ts");

/** A worker that runs workerMain.ts through tsx's loader (tests and `tsx` runs work from sources). */
function sourceWorker(): Worker {
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  const main = new URL("./workerMain.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); });`;
  return new Worker(code, { eval: true, execArgv: ["--conditions=@choreo/source"] });
}

/** Creates a pool of up to `size` worker threads. */
export function createWorkerPool(size: number): WorkerPool {
  const idle: Slot[] = [];
  const all = new Set<Slot>();
  const waiting: ((slot: Slot) => void)[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = fromSource
      ? sourceWorker()
      : new Worker(fileURLToPath(new URL("./workerMain.js", import.meta.url)));
    const slot: Slot = { worker, pending: undefined };
    worker.on("message", (res: WorkerResponse) => {
      const p = slot.pending;
      slot.pending = undefined;
      release(slot);
      p?.resolve(res);
    });
    worker.on("error", (err) => {
      all.delete(slot);
      slot.pending?.reject(err);
      slot.pending = undefined;
    });
    worker.on("exit", (code) => {
      all.delete(slot);
      slot.pending?.reject(new Error(`[core] stage worker exited with code ${code}`));
      slot.pending = undefined;
    });
    all.add(slot);
    return slot;
  };
  const release = (slot: Slot): void => {
    const next = waiting.shift();
    if (next !== undefined) next(slot);
    else idle.push(slot);
  };
  const acquire = (): Promise<Slot> => {
    const slot = idle.pop();
    if (slot !== undefined && all.has(slot)) return Promise.resolve(slot);
    if (all.size < size) return Promise.resolve(spawn());
    return new Promise((resolve) => waiting.push(resolve));
  };

  return {
    size,
    async run(request) {
      if (closed) throw new Cancelled("the worker pool is closed");
      const slot = await acquire();
      const res = await new Promise<WorkerResponse>((resolve, reject) => {
        slot.pending = { resolve, reject };
        slot.worker.postMessage({ ...request, id: nextId++ } satisfies WorkerRequest);
      });
      if (res.ok) return res.outputs as Record<string, Artifact | readonly Artifact[]>;
      throw new WorkerStageError(res.error!);
    },
    async terminate() {
      closed = true;
      await Promise.all([...all].map((s) => s.worker.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}

export type { Json };
