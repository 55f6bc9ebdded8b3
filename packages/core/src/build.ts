/**
 * The build: runs stages as cached actions. A recipe is plain async code that calls `build.run(stage, ...)`;
 * each call is one action whose key is the sha256 of its canonical preimage (stage, version, params, item,
 * input digests, tools). Fan-out is a stage that emits items followed by per-item `run` calls; a gather is a
 * stage with a list input. Early cutoff falls out of keying on content digests.
 *
 * Per action: cache hit (entry present, blobs present) → done; else take resources, take the key's lock
 * (another process may be running it: wait, then re-read), run inline or in a worker thread, write the entry
 * after the blobs. Failures are never cached. `item()` is the failure boundary of --keep-going. In dry-run
 * mode nothing runs: misses are reported with their reason and the branch stops there (`status`).
 */
import { setMaxListeners } from "node:events";
import { asList } from "./internal/asList.js";
import { canonicalJson } from "./canonicalJson.js";
import { sha256Hex } from "./digest.js";
import { ActionFailed, BuildFailed, Cancelled, InvalidStageUse } from "./errors.js";
import type { BuildEvent, ActionState } from "./events.js";
import { createResourcePool, type PoolSizes, type ResourcePool } from "./resourcePool.js";
import { parseArtifactJson, validateMeta } from "./schema.js";
import type { ArtifactsOf, Stage } from "./stage.js";
import { createStageContext } from "./stageContext.js";
import type { ActionEntry, ActionPreimage, Store } from "./store.js";
import type { Artifact, ArtifactKind, Json } from "./schema.js";
import { tagOf } from "./taggedError.js";
import type { WorkerPool } from "./workerPool.js";
import type { z } from "zod";

export interface BuildOptions {
  readonly store: Store;
  /** Pool sizes; cpu defaults to the number of cores. */
  readonly pools?: Partial<PoolSizes>;
  readonly keepGoing?: boolean;
  readonly signal?: AbortSignal;
  /** Run CPU stages that declare an `entry` in these worker threads. */
  readonly workers?: WorkerPool;
  /** Compute statuses without running anything. */
  readonly dryRun?: boolean;
  /** Last build's action keys by `stage\titem`, to explain STALE in dry runs. */
  readonly previous?: Readonly<Record<string, string>>;
  readonly onEvent?: (event: BuildEvent) => void;
  readonly durable?: boolean;
}

export interface RunRequest<TStage extends Stage> {
  readonly item: string;
  readonly params: z.input<TStage["params"]>;
  readonly inputs: ArtifactsOf<TStage["inputs"]>;
}

/** One action's status in a dry run. */
export interface ActionStatus {
  readonly stage: string;
  readonly item: string;
  readonly state: ActionState;
  readonly reason?: "params" | "version" | "input" | "tools" | "evicted" | "corrupt";
}

export interface BuildSummary {
  readonly run: number;
  readonly cached: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly byStage: Readonly<Record<string, { run: number; cached: number; failed: number }>>;
  readonly failures: readonly ActionFailed[];
  /** `stage\titem` → key of every action this build reached. */
  readonly actions: Readonly<Record<string, string>>;
  readonly statuses: readonly ActionStatus[];
}

class NotBuilt extends Error {
  readonly _tag = "NotBuilt";
}

const incompleteLists = new WeakSet<object>();
const idCache = new WeakMap<Artifact, string>();

/** The identity of an artifact in keys: its digest, plus a digest of its meta when it has any. */
function artifactId(a: Artifact): string {
  let id = idCache.get(a);
  if (id === undefined) {
    id =
      Object.keys(a.meta).length === 0
        ? a.digest
        : `${a.digest}+${sha256Hex(canonicalJson(a.meta)).slice(0, 32)}`;
    idCache.set(a, id);
  }
  return id;
}

export class Build {
  private readonly store: Store;
  private readonly pool: ResourcePool;
  private readonly controller = new AbortController();
  private readonly inflight = new Map<string, Promise<Record<string, Artifact | readonly Artifact[]>>>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly counts = { run: 0, cached: 0, failed: 0, cancelled: 0 };
  private readonly byStage: Record<string, { run: number; cached: number; failed: number }> = {};
  private readonly failures: ActionFailed[] = [];
  private readonly actions: Record<string, string> = {};
  private readonly statuses: ActionStatus[] = [];
  private readonly toolCache = new Map<Stage, Readonly<Record<string, string>>>();
  private readonly corruptKeys = new Set<string>();

  constructor(private readonly options: BuildOptions) {
    this.store = options.store;
    this.pool = createResourcePool({ cpu: 1, gpu: 1, net: 4, ...options.pools });
    setMaxListeners(0, this.controller.signal); // one listener per queued action
    options.signal?.addEventListener("abort", () => this.cancel("interrupted"), { once: true });
    if (options.signal?.aborted === true) this.cancel("interrupted");
  }

  /** Aborted when the build is cancelled or (without --keep-going) an action failed. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get dryRun(): boolean {
    return this.options.dryRun === true;
  }

  cancel(reason: string): void {
    if (!this.controller.signal.aborted) this.controller.abort(new Cancelled(reason));
  }

  /** Runs one action (or takes it from the cache) and returns the stage's outputs. */
  run<TStage extends Stage>(
    stage: TStage,
    request: RunRequest<TStage>,
  ): Promise<ArtifactsOf<TStage["outputs"]>> {
    const parsed = stage.params.safeParse(request.params);
    if (!parsed.success) {
      throw new InvalidStageUse(stage.id, `invalid params for ${request.item}: ${parsed.error.message}`);
    }
    const inputs = this.inputIds(stage, request.inputs);
    const preimage: ActionPreimage = {
      v: 1,
      stage: stage.id,
      version: stage.version,
      params: parsed.data as Json,
      item: request.item,
      inputs: inputs.ids,
      tools: this.toolsOf(stage),
    };
    const key = sha256Hex(canonicalJson(preimage));
    this.actions[`${stage.id}\t${request.item}`] = key;
    let promise = this.inflight.get(key);
    if (promise === undefined) {
      promise = this.resolve(stage, key, preimage, parsed.data, request, inputs.incomplete);
      this.inflight.set(key, promise);
    }
    return promise as Promise<ArtifactsOf<TStage["outputs"]>>;
  }

  /**
   * The failure boundary of one item: with --keep-going (or in a dry run) a failure inside `fn` is recorded
   * and the item yields `undefined`; otherwise it propagates and the build stops.
   */
  async item<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof NotBuilt) return undefined;
      if (tagOf(error) === "ActionFailed" && this.options.keepGoing === true) return undefined;
      throw error;
    }
  }

  /**
   * Records a per-item failure found outside a stage (a source file missing, say) exactly like a failed
   * action: counted, in the failure table, and with --keep-going only that item is skipped. Throw the result.
   */
  fail(stage: string, item: string, cause: unknown): ActionFailed {
    const failure = new ActionFailed(stage, item, cause);
    this.failures.push(failure);
    this.tally(stage, "failed");
    this.emit({ type: "failed", stage, item, key: "", error: failure.message });
    if (this.options.keepGoing !== true) this.cancel(`${stage} failed on ${item}`);
    return failure;
  }

  /** Awaits item results and drops the failed ones; a dry run marks the list incomplete for gathers. */
  async collect<T>(results: readonly Promise<T | undefined>[]): Promise<T[]> {
    const outcomes = await Promise.allSettled(results);
    const rejected = outcomes.filter((o) => o.status === "rejected").map((o) => o.reason as unknown);
    if (rejected.length > 0) throw rejected.find((e) => tagOf(e) === "ActionFailed") ?? rejected[0];
    const settled = outcomes.map((o) => (o as PromiseFulfilledResult<T | undefined>).value);
    const out = settled.filter((r): r is Awaited<T> => r !== undefined) as T[];
    if (out.length !== settled.length && this.dryRun) incompleteLists.add(out);
    return out;
  }

  /** The bytes of an artifact (a recipe reading a small result, e.g. the items of a `slices`). */
  readBytes(artifact: Artifact): Uint8Array {
    return this.store.readBlob(artifact.digest, artifact.size);
  }

  /** An artifact's JSON (a recipe reading a small result, e.g. the items of a `slices`), validated by `schema`. */
  readJson<TSchema extends z.ZodType>(artifact: Artifact, schema: TSchema): z.output<TSchema> {
    return parseArtifactJson(artifact, this.store.readBlob(artifact.digest, artifact.size), schema);
  }

  /** A source file as an artifact: imported into the store (hashed only, in a dry run). */
  async source<TKind extends ArtifactKind>(
    path: string,
    kind: TKind,
    meta: Record<string, Json> = {},
  ): Promise<Artifact<TKind>> {
    validateMeta(kind, meta, path);
    const { digest, size } = this.dryRun
      ? await this.store.digestSource(path)
      : await this.store.importFile(path);
    return { kind, digest, size, meta };
  }

  /** Waits for every started action to finish and commit. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  summary(): BuildSummary {
    return {
      ...this.counts,
      byStage: this.byStage,
      failures: this.failures,
      actions: this.actions,
      statuses: this.statuses,
    };
  }

  /** Throws BuildFailed when any action failed or the build was cancelled. */
  assertSucceeded(): void {
    if (this.failures.length > 0 || this.controller.signal.aborted) {
      throw new BuildFailed(this.failures, this.controller.signal.aborted);
    }
  }

  private inputIds(stage: Stage, inputs: Record<string, Artifact | readonly Artifact[]>) {
    const ids: Record<string, string | string[]> = {};
    let incomplete = false;
    for (const [name, spec] of Object.entries(stage.inputs)) {
      const value = inputs[name];
      if (value === undefined) throw new InvalidStageUse(stage.id, `missing input ${name}`);
      if (Array.isArray(spec)) {
        if (!Array.isArray(value)) throw new InvalidStageUse(stage.id, `input ${name} must be a list`);
        if (incompleteLists.has(value)) incomplete = true;
        ids[name] = (value as readonly Artifact[]).map(artifactId);
      } else {
        ids[name] = artifactId(value as Artifact);
      }
    }
    return { ids, incomplete };
  }

  private toolsOf(stage: Stage): Readonly<Record<string, string>> {
    let tools = this.toolCache.get(stage);
    if (tools === undefined) {
      tools = stage.tools?.() ?? {};
      this.toolCache.set(stage, tools);
    }
    return tools;
  }

  private tally(stage: string, what: "run" | "cached" | "failed"): void {
    const s = (this.byStage[stage] ??= { run: 0, cached: 0, failed: 0 });
    s[what]++;
    this.counts[what]++;
  }

  private emit(event: BuildEvent): void {
    this.options.onEvent?.(event);
  }

  /**
   * The outputs of a cached action whose blobs are all whole (each read and hashed once per build); else
   * undefined, a miss. A corrupt blob is quarantined and reported (one `corrupt` event) so the action reruns;
   * a dry run only notes it.
   */
  private cachedOutputs(
    key: string,
    base?: { stage: string; item: string },
  ): ActionEntry["outputs"] | undefined {
    const entry = this.store.readAction(key);
    if (entry === undefined) return undefined;
    for (const out of Object.values(entry.outputs)) {
      for (const a of asList(out)) {
        const problem = this.store.checkBlob(a.digest, a.size);
        if (problem === undefined) continue;
        if (problem !== "missing" && base !== undefined) {
          if (this.dryRun) this.corruptKeys.add(key);
          else {
            const quarantined = this.store.quarantineBlob(a.digest, problem);
            this.emit({
              type: "corrupt",
              ...base,
              key,
              digest: a.digest,
              problem,
              ...(quarantined === undefined ? {} : { quarantined }),
            });
          }
        }
        return undefined; // a hit without whole blobs is a miss
      }
    }
    return entry.outputs;
  }

  private async resolve(
    stage: Stage,
    key: string,
    preimage: ActionPreimage,
    params: unknown,
    request: RunRequest<Stage>,
    incomplete: boolean,
  ): Promise<Record<string, Artifact | readonly Artifact[]>> {
    const base = { stage: stage.id, item: request.item, key };
    this.emit({ type: "scheduled", ...base });
    const hit = incomplete ? undefined : this.cachedOutputs(key, base);
    if (hit !== undefined) {
      this.tally(stage.id, "cached");
      if (this.dryRun) this.statuses.push({ stage: stage.id, item: request.item, state: "FRESH" });
      this.emit({ type: "cached", ...base });
      return hit;
    }
    if (this.dryRun) {
      this.statuses.push(this.explainMiss(stage, request.item, key, preimage, incomplete));
      throw new NotBuilt();
    }
    const task = this.execute(stage, key, preimage, params, request);
    this.running.add(task);
    try {
      return await task;
    } finally {
      this.running.delete(task);
    }
  }

  private async execute(
    stage: Stage,
    key: string,
    preimage: ActionPreimage,
    params: unknown,
    request: RunRequest<Stage>,
  ): Promise<Record<string, Artifact | readonly Artifact[]>> {
    const base = { stage: stage.id, item: request.item, key };
    const signal = this.controller.signal;
    for (;;) {
      if (signal.aborted) return this.cancelled(stage, request.item);
      let release: () => void;
      try {
        release = await this.pool.acquire(stage.resources ?? { cpu: 1 }, signal);
      } catch {
        return this.cancelled(stage, request.item);
      }
      try {
        if (signal.aborted) return this.cancelled(stage, request.item);
        if (!this.store.tryLockAction(key)) {
          release();
          await this.store.waitActionUnlocked(key, signal).catch(() => undefined);
          const done = this.cachedOutputs(key, base);
          if (done !== undefined) return this.hitAfterWait(stage, base, done);
          continue; // the other process failed or died: take the lock ourselves
        }
        try {
          const done = this.cachedOutputs(key, base);
          if (done !== undefined) return this.hitAfterWait(stage, base, done);
          return await this.runLocked(stage, key, preimage, params, request);
        } finally {
          this.store.unlockAction(key);
        }
      } finally {
        release();
      }
    }
  }

  private hitAfterWait(
    stage: Stage,
    base: { stage: string; item: string; key: string },
    outputs: ActionEntry["outputs"],
  ) {
    this.tally(stage.id, "cached");
    this.emit({ type: "cached", ...base });
    return outputs as Record<string, Artifact | readonly Artifact[]>;
  }

  private cancelled(stage: Stage, item: string): never {
    this.counts.cancelled++;
    this.emit({ type: "cancelled", stage: stage.id, item, key: "" });
    throw new Cancelled(`${stage.id} on ${item} did not start`);
  }

  private async runLocked(
    stage: Stage,
    key: string,
    preimage: ActionPreimage,
    params: unknown,
    request: RunRequest<Stage>,
  ): Promise<Record<string, Artifact | readonly Artifact[]>> {
    const base = { stage: stage.id, item: request.item, key };
    this.emit({ type: "started", ...base });
    const started = performance.now();
    let outputs: Record<string, Artifact | readonly Artifact[]>;
    try {
      const inputs = request.inputs as Record<string, Artifact | readonly Artifact[]>;
      if (stage.entry !== undefined && this.options.workers !== undefined) {
        outputs = await this.options.workers.run({
          entry: stage.entry,
          stageId: stage.id,
          params,
          inputs,
          item: request.item,
          storeRoot: this.store.root,
          durable: this.options.durable ?? true,
        });
      } else {
        const ctx = createStageContext({
          store: this.store,
          item: request.item,
          signal: this.controller.signal,
        });
        try {
          outputs = await stage.run({ inputs: inputs as never, params, item: request.item, ctx });
        } finally {
          ctx.dispose();
        }
      }
      this.checkOutputs(stage, outputs);
    } catch (cause) {
      const failure = new ActionFailed(stage.id, request.item, cause);
      this.failures.push(failure);
      this.tally(stage.id, "failed");
      this.emit({ type: "failed", ...base, error: failure.message });
      if (this.options.keepGoing !== true) this.cancel(`${stage.id} failed on ${request.item}`);
      throw failure;
    }
    const durationMs = performance.now() - started;
    this.store.writeAction({ v: 1, key, preimage, outputs, durationMs, status: "ok" });
    this.tally(stage.id, "run");
    this.emit({ type: "finished", ...base, durationMs });
    return outputs;
  }

  private checkOutputs(stage: Stage, outputs: Record<string, Artifact | readonly Artifact[]>): void {
    for (const [name, spec] of Object.entries(stage.outputs)) {
      const value = outputs[name];
      if (value === undefined) throw new InvalidStageUse(stage.id, `did not return output ${name}`);
      const list = asList(value);
      const kind = asList<string>(spec)[0];
      for (const a of list) {
        if (a.kind !== kind)
          throw new InvalidStageUse(stage.id, `output ${name} is ${a.kind}, declared ${kind ?? "?"}`);
        if (!this.store.hasBlob(a.digest))
          throw new InvalidStageUse(stage.id, `output ${name} has no blob in the store`);
      }
    }
  }

  private explainMiss(
    stage: Stage,
    item: string,
    key: string,
    preimage: ActionPreimage,
    incomplete: boolean,
  ): ActionStatus {
    const row = { stage: stage.id, item };
    if (incomplete) return { ...row, state: "STALE", reason: "input" };
    const prevKey = this.options.previous?.[`${stage.id}\t${item}`];
    if (this.corruptKeys.has(key)) return { ...row, state: "STALE", reason: "corrupt" };
    if (prevKey === undefined) return { ...row, state: "MISSING" };
    if (prevKey === key) return { ...row, state: "MISSING", reason: "evicted" };
    const prev = this.store.readAction(prevKey)?.preimage;
    if (prev === undefined) return { ...row, state: "STALE", reason: "input" };
    if (prev.version !== preimage.version) return { ...row, state: "STALE", reason: "version" };
    if (canonicalJson(prev.params) !== canonicalJson(preimage.params))
      return { ...row, state: "STALE", reason: "params" };
    if (canonicalJson(prev.tools) !== canonicalJson(preimage.tools))
      return { ...row, state: "STALE", reason: "tools" };
    return { ...row, state: "STALE", reason: "input" };
  }
}

/** Starts a build. */
export function createBuild(options: BuildOptions): Build {
  return new Build(options);
}
