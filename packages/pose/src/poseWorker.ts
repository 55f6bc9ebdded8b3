/**
 * Pose inference in worker threads: `createPoseWorkers(n)` starts n threads, each with its own TF.js
 * backend and model, and `estimate(chunk)` sends a run of packed frames (transferred, not copied) to the
 * next free thread. Each chunk is tracked on its own, primed by a few frames of the previous chunk, so
 * threads never wait on each other. This module is also the worker body (when loaded as one).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { initBackend, type PoseBackendPreference } from "./backend.js";
import { PoseWorkerFailed } from "./errors.js";
import {
  createFramePoseModel,
  estimateSequence,
  packedFrames,
  type SequenceEstimate,
} from "./estimateSequence.js";
import type { FramePoseModel, PoseModelName } from "./estimateTypes.js";

/** A run of frames packed back to back (RGB24), of which the first `warmupFrames` only prime tracking. */
export interface FrameChunk {
  readonly width: number;
  readonly height: number;
  readonly count: number;
  readonly warmupFrames: number;
  readonly data: Uint8Array;
}

interface WorkerSetup {
  readonly poseWorker: true;
  readonly model: PoseModelName;
  readonly backend: PoseBackendPreference;
}

type Reply = { ok: true; result: SequenceEstimate } | { ok: false; message: string; tag: string | undefined };

export interface PoseWorkers {
  readonly size: number;
  estimate(chunk: FrameChunk): Promise<SequenceEstimate>;
  terminate(): Promise<void>;
}

const fromSource = import.meta.url.endsWith(".ts");

function spawn(setup: WorkerSetup): Worker {
  if (!fromSource) return new Worker(fileURLToPath(import.meta.url), { workerData: setup });
  // running from sources (tests, benches): load this module through tsx, as core's worker pool does
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(code, { eval: true, workerData: setup, execArgv: ["--conditions=@choreo/source"] });
}

/** Starts `size` pose worker threads running `model`. */
export function createPoseWorkers(
  size: number,
  options: { model: PoseModelName; backend?: PoseBackendPreference; file: string },
): PoseWorkers {
  const setup: WorkerSetup = { poseWorker: true, model: options.model, backend: options.backend ?? "auto" };
  const idle: Worker[] = Array.from({ length: size }, () => spawn(setup));
  const all = [...idle];
  const waiting: ((w: Worker) => void)[] = [];
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    return w !== undefined ? Promise.resolve(w) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: Worker): void => {
    const next = waiting.shift();
    if (next !== undefined) next(w);
    else idle.push(w);
  };
  return {
    size,
    async estimate(chunk) {
      const worker = await acquire();
      try {
        const reply = await new Promise<Reply>((resolve, reject) => {
          const onError = (cause: unknown): void =>
            reject(new PoseWorkerFailed(options.file, "pose worker crashed", { cause }));
          worker.once("error", onError);
          worker.once("message", (r: Reply) => {
            worker.off("error", onError);
            resolve(r);
          });
          worker.postMessage(chunk, [chunk.data.buffer as ArrayBuffer]);
        });
        if (!reply.ok) throw new PoseWorkerFailed(options.file, `${reply.tag ?? "Error"}: ${reply.message}`);
        return reply.result;
      } finally {
        release(worker);
      }
    },
    async terminate() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

function transferables(result: SequenceEstimate): ArrayBuffer[] {
  return [result.coco17, result.blazepose33, result.world33].flatMap((a) =>
    a === undefined ? [] : [a.buffer as ArrayBuffer],
  );
}

async function serve(setup: WorkerSetup): Promise<void> {
  let model: Promise<FramePoseModel> | undefined;
  parentPort?.on("message", (chunk: FrameChunk) => {
    model ??= initBackend(setup.backend).then(() => createFramePoseModel(setup.model));
    void model
      .then((m) =>
        estimateSequence(m, packedFrames(chunk.data, chunk), {
          count: chunk.count,
          warmupFrames: chunk.warmupFrames,
        }),
      )
      .then(
        (result) => parentPort?.postMessage({ ok: true, result } satisfies Reply, transferables(result)),
        (error: unknown) => {
          const e = error as { message?: string; _tag?: string };
          parentPort?.postMessage({
            ok: false,
            message: e.message ?? String(error),
            tag: e._tag,
          } satisfies Reply);
        },
      );
  });
  return Promise.resolve();
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.poseWorker === true) {
  void serve(workerData as WorkerSetup);
}
