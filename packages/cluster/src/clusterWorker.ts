/**
 * `choreo worker`: takes action jobs from the queues of its pools and runs each by the local code path — a
 * one-action Build on this machine's store (its read-through cache) with the shared store as remote, so the
 * stage runs inline or in a worker thread exactly as locally, and its blobs then its entry are pushed. Before
 * running it checks that the job is one it can run faithfully (same choreo version, stage version, tools and
 * key), and refuses the job otherwise. `close()` stops taking jobs and waits for the ones running.
 */
import { UnrecoverableError, Worker, type Job } from "bullmq";
import {
  Build,
  canonicalJson,
  describeCause,
  sha256Hex,
  type RemoteStore,
  type Stage,
  type Store,
  type WorkerPool,
} from "@choreo/core";
import { JobRefused } from "./errors.js";
import type { ActionJob, ActionJobProgress, ActionJobResult } from "./jobData.js";
import { parseRedisUrl, queueName, type PoolName } from "./redis.js";

export interface ClusterWorkerOptions {
  readonly redisUrl: string;
  readonly remote: RemoteStore;
  /** This machine's store: inputs are copied into it, outputs written there first. */
  readonly cache: Store;
  /** Every stage this worker can run, by id. */
  readonly stages: readonly Stage[];
  /** Concurrent jobs per pool; a pool at 0 (or absent) is not served. */
  readonly pools: Readonly<Partial<Record<PoolName, number>>>;
  readonly choreoVersion: string;
  /** The worker's name in progress events and logs. */
  readonly name: string;
  /** Threads for stages that declare an entry (as `build-dataset` uses). */
  readonly threads?: WorkerPool;
  /** A job whose worker stops renewing its lock for this long is stalled and given to another worker. */
  readonly lockMs?: number;
  readonly onLog?: (line: string) => void;
}

export interface ClusterWorker {
  /** Stops taking jobs and resolves when the running ones have finished (or failed). */
  close(): Promise<void>;
}

/** Starts serving the queues of `options.pools`. */
export function createClusterWorker(options: ClusterWorkerOptions): ClusterWorker {
  const { remote, cache, name } = options;
  const byId = new Map(options.stages.map((s) => [s.id, s]));
  const log = options.onLog ?? (() => undefined);
  const connection = { ...parseRedisUrl(options.redisUrl), maxRetriesPerRequest: null };
  const lockDuration = options.lockMs ?? 30_000;

  const refuse = (problem: string): never => {
    log(`refused ${problem}`);
    // Unrecoverable: no retry on this worker; the coordinator records the failure with this cause.
    throw new UnrecoverableError(new JobRefused(name, problem).message);
  };

  const process = async (job: Job<ActionJob>): Promise<ActionJobResult> => {
    const { key, preimage, inputs } = job.data;
    const stage = byId.get(preimage.stage) ?? refuse(`unknown stage ${preimage.stage}`);
    if (job.data.choreo !== options.choreoVersion) {
      refuse(
        `${stage.id}: the job is from choreo ${job.data.choreo}, this worker runs ${options.choreoVersion}`,
      );
    }
    if (job.data.store !== remote.url) {
      refuse(`${stage.id}: the job's store is ${job.data.store}, this worker's is ${remote.url}`);
    }
    if (stage.version !== preimage.version) {
      refuse(
        `${stage.id}: the job wants version ${preimage.version}, this worker has version ${stage.version}`,
      );
    }
    if (canonicalJson(stage.tools?.() ?? {}) !== canonicalJson(preimage.tools)) {
      refuse(`${stage.id}: its tools differ from the coordinator's (${canonicalJson(preimage.tools)})`);
    }
    if (sha256Hex(canonicalJson(preimage)) !== key)
      refuse(`${stage.id}: the key does not match its preimage`);
    await job.updateProgress({ worker: name } satisfies ActionJobProgress);
    log(`started ${stage.id} ${preimage.item} ${key}`);
    const started = performance.now();
    for (const a of Object.values(inputs).flat()) {
      if (!(await remote.fetchBlob(a.digest, cache))) {
        throw new Error(`[cluster] input ${a.digest} of ${stage.id} is missing from ${remote.url}`);
      }
    }
    const build = new Build({
      store: cache,
      remote,
      pools: { cpu: 1 << 10, gpu: 1 << 10, net: 1 << 10 }, // BullMQ's concurrency is the limit
      ...(options.threads !== undefined ? { workers: options.threads } : {}),
    });
    try {
      await build.run(stage, {
        item: preimage.item,
        params: preimage.params,
        inputs: inputs as never,
      });
    } catch (error) {
      // The coordinator records the failure with this cause (once: the job is not retried).
      const cause = (error as { cause?: unknown }).cause ?? error;
      throw new Error(describeCause(cause));
    } finally {
      await build.drain();
    }
    const ran = build.summary().actions[`${stage.id}\t${preimage.item}`];
    if (ran !== key) refuse(`${stage.id}: this worker computes key ${ran ?? "?"} for it`);
    const durationMs = performance.now() - started;
    log(`${build.summary().run > 0 ? "finished" : "found"} ${stage.id} ${preimage.item} ${key}`);
    return { worker: name, durationMs };
  };

  const workers: Worker[] = [];
  for (const [pool, concurrency] of Object.entries(options.pools)) {
    if (concurrency === undefined || concurrency <= 0) continue;
    const worker = new Worker<ActionJob, ActionJobResult>(queueName(pool as PoolName), process, {
      connection,
      concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 2,
      name,
    });
    worker.on("failed", (job, error) =>
      log(`failed ${job?.data.preimage.stage ?? "?"} ${job?.data.preimage.item ?? "?"}: ${error.message}`),
    );
    worker.on("error", (error) => log(`redis: ${error.message}`));
    workers.push(worker);
  }
  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
