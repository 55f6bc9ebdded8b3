/**
 * The coordinator's side of a cluster build: each action that missed the cache becomes a BullMQ job on its
 * pool's queue, with the action key as job id, so coordinators that want the same action share one job and a
 * finished action is found in the store by every build. Inputs are pushed to the shared store before the job
 * is queued; when it completes, the outputs are copied from the shared store into the local one. Completion
 * comes from queue events, with a poll of the store and the job as a fallback (events are lost while Redis
 * restarts). It does not run stages: `choreo worker` does.
 */
import { Queue, QueueEvents } from "bullmq";
import {
  Cancelled,
  type ActionExecutor,
  type ActionOutputs,
  type ActionRequest,
  type ActionResult,
  type RemoteStore,
  type Artifact,
  type Store,
} from "@choreo/core";
import type { ActionJob, ActionJobProgress, ActionJobResult } from "./jobData.js";
import { parseRedisUrl, poolNames, poolOf, queueName, type PoolName } from "./redis.js";

export interface BullmqExecutorOptions {
  readonly redisUrl: string;
  readonly remote: RemoteStore;
  /** The coordinator's local store (inputs are pushed from it, outputs copied into it). */
  readonly cache: Store;
  readonly choreoVersion: string;
  /** How often a waiting action checks the store and its job besides listening to events (default 5 s). */
  readonly pollMs?: number;
}

export interface BullmqExecutor extends ActionExecutor {
  close(): Promise<void>;
}

const artifacts = (outputs: ActionOutputs): Artifact[] => Object.values(outputs).flat();

interface Waiter {
  readonly settle: (result: ActionJobResult | undefined) => void;
  readonly fail: (reason: string) => void;
  readonly started: (worker: string) => void;
}

/** Connects to Redis and returns the executor (close it when the build ends). */
export function createBullmqExecutor(options: BullmqExecutorOptions): BullmqExecutor {
  const { remote, cache } = options;
  const connection = { ...parseRedisUrl(options.redisUrl), maxRetriesPerRequest: null };
  const queues = new Map<PoolName, Queue>();
  const events: QueueEvents[] = [];
  const waiters = new Map<string, Waiter>();
  for (const pool of poolNames) {
    queues.set(pool, new Queue(queueName(pool), { connection }));
    const ev = new QueueEvents(queueName(pool), { connection });
    ev.on("completed", ({ jobId, returnvalue }) => waiters.get(jobId)?.settle(parseResult(returnvalue)));
    ev.on("failed", ({ jobId, failedReason }) => waiters.get(jobId)?.fail(failedReason));
    ev.on("progress", ({ jobId, data }) => {
      const worker = (data as Partial<ActionJobProgress> | undefined)?.worker;
      if (typeof worker === "string") waiters.get(jobId)?.started(worker);
    });
    ev.on("error", () => undefined); // reconnects by itself; the poll covers what it misses
    events.push(ev);
  }

  const enqueue = async (queue: Queue, request: ActionRequest): Promise<void> => {
    const existing = await queue.getJob(request.key);
    // A failure is not cached: a job left failed by an earlier build is removed and queued again.
    if (existing !== undefined && (await existing.getState()) === "failed") await existing.remove();
    const data: ActionJob = {
      key: request.key,
      preimage: request.preimage,
      inputs: request.inputs,
      choreo: options.choreoVersion,
      store: remote.url,
    };
    await queue.add(request.stage.id, data, {
      jobId: request.key,
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600 },
    });
  };

  /** Resolves when the action's entry is in the store; rejects with the worker's reason when the job failed. */
  const finished = (queue: Queue, request: ActionRequest): Promise<ActionJobResult | undefined> =>
    new Promise<ActionJobResult | undefined>((resolve, reject) => {
      let done = false;
      let result: ActionJobResult | undefined;
      const end = (error?: Error): void => {
        if (done) return;
        done = true;
        clearInterval(timer);
        waiters.delete(request.key);
        request.signal.removeEventListener("abort", onAbort);
        if (error === undefined) resolve(result);
        else reject(error);
      };
      const check = async (): Promise<void> => {
        if ((await remote.readAction(request.key)) !== undefined) return end();
        const job = await queue.getJob(request.key);
        if (job === undefined) return; // completed and removed: the entry shows up on the next check
        if ((await job.getState()) === "failed") end(new Error(job.failedReason));
      };
      const poll = (): void => void check().catch(() => undefined);
      const onAbort = (): void =>
        end(new Cancelled(`${request.stage.id} on ${request.item} was not waited for`));
      const timer = setInterval(poll, options.pollMs ?? 5000);
      request.signal.addEventListener("abort", onAbort, { once: true });
      waiters.set(request.key, {
        settle: (r) => {
          result = r;
          poll();
        },
        fail: (reason) => end(new Error(reason)),
        started: request.onStarted,
      });
      poll();
    });

  return {
    async run(request): Promise<ActionResult> {
      const started = performance.now();
      for (const a of artifacts(request.inputs)) await remote.pushBlob(a.digest, cache);
      const queue = queues.get(poolOf(request.stage))!;
      const done = finished(queue, request);
      await enqueue(queue, request);
      const result = await done;
      const entry = await remote.readAction(request.key);
      if (entry === undefined)
        throw new Error(`[cluster] ${request.key}: finished but no entry in ${remote.url}`);
      for (const a of artifacts(entry.outputs)) {
        if (!(await remote.fetchBlob(a.digest, cache))) {
          throw new Error(
            `[cluster] output ${a.digest} of ${request.stage.id} is missing from ${remote.url}`,
          );
        }
      }
      const durationMs = result?.durationMs ?? performance.now() - started;
      return { outputs: entry.outputs, worker: result?.worker ?? "another build", durationMs };
    },
    async close() {
      for (const w of waiters.values()) w.fail("the executor closed");
      await Promise.all([...events.map((e) => e.close()), ...[...queues.values()].map((q) => q.close())]);
    },
  };
}

function parseResult(value: unknown): ActionJobResult | undefined {
  try {
    const parsed = (typeof value === "string" ? JSON.parse(value) : value) as Partial<ActionJobResult>;
    return typeof parsed.worker === "string" && typeof parsed.durationMs === "number"
      ? { worker: parsed.worker, durationMs: parsed.durationMs }
      : undefined;
  } catch {
    return undefined;
  }
}
