/**
 * One build from start to commit, as `choreo build-dataset` runs it: the store is marked as in use (gc waits),
 * CPU stages run in worker threads unless told not to, the walk runs, every started action is drained, then the
 * ref is written by the ref policy and the store flushed. It neither prints nor materialises: the outcome says
 * what happened and whether the result may be written out.
 */
import { Build, type BuildSummary } from "./build.js";
import { writeBuildRef } from "./buildRef.js";
import type { BuildEvent } from "./events.js";
import { markBuilding } from "./gc.js";
import type { Store } from "./store.js";
import { createWorkerPool } from "./workerPool.js";

export interface RunBuildOptions<TResult> {
  readonly store: Store;
  /** cpu pool size and worker threads. */
  readonly jobs: number;
  /** Run CPU stages in worker threads (default true). */
  readonly threads?: boolean;
  readonly keepGoing?: boolean;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: BuildEvent) => void;
  /** The ref to write when the build ends (`refs/<dataset>/latest`). */
  readonly ref?: {
    readonly dataset: string;
    readonly recipe: string;
    readonly previous?: Readonly<Record<string, string>>;
    /** The dataset digest of a result (its manifest's digest). */
    readonly digestOf: (result: TResult) => string;
  };
}

export interface BuildOutcome<TResult> {
  /** What the walk returned; undefined when it threw. */
  readonly result: TResult | undefined;
  /** What the walk threw, if anything. */
  readonly error: unknown;
  readonly summary: BuildSummary;
  /** An action failed, the walk threw, or the build was cancelled. */
  readonly failed: boolean;
  /** The build was cancelled (interrupt, or a failure without keep-going). */
  readonly cancelled: boolean;
  /** The result when it may be materialised: not interrupted, and complete or built with keep-going. */
  readonly usable: TResult | undefined;
}

/** Runs `walk` on a new build of `store` and commits it (drain, ref, flush). */
export async function runBuild<TResult>(
  options: RunBuildOptions<TResult>,
  walk: (build: Build) => Promise<TResult>,
): Promise<BuildOutcome<TResult>> {
  const { store, jobs } = options;
  const unmark = markBuilding(store);
  const workers = options.threads === false ? undefined : createWorkerPool(jobs);
  const build = new Build({
    store,
    pools: { cpu: jobs },
    keepGoing: options.keepGoing === true,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.onEvent !== undefined ? { onEvent: options.onEvent } : {}),
    ...(workers !== undefined ? { workers } : {}),
  });
  let result: TResult | undefined;
  let error: unknown;
  try {
    result = await walk(build);
  } catch (e) {
    error = e;
  } finally {
    await build.drain();
    await workers?.terminate();
  }
  const summary = build.summary();
  const cancelled = build.signal.aborted;
  const failed = error !== undefined || summary.failed > 0 || cancelled;
  try {
    if (options.ref !== undefined) {
      writeBuildRef(store.root, {
        dataset: options.ref.dataset,
        recipe: options.ref.recipe,
        ...(result !== undefined ? { datasetDigest: options.ref.digestOf(result) } : {}),
        actions: summary.actions,
        ...(options.ref.previous !== undefined ? { previous: options.ref.previous } : {}),
        failed,
      });
    }
    store.flush();
  } finally {
    unmark();
  }
  const interrupted = options.signal?.aborted === true;
  const usable = !interrupted && (!failed || options.keepGoing === true) ? result : undefined;
  return { result, error, summary, failed, cancelled, usable };
}
