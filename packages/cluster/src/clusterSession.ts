/**
 * What the CLI's cluster flags open: `--store URL` (a shared store, probed), `--executor bullmq` with
 * `--redis URL` (the executor, Redis probed first), `--pools cpu=2,gpu=1` for workers, and the stages a
 * worker can run, gathered from package entry modules. Unreachable servers fail here, fast, with one
 * `Unreachable` error, before any build starts.
 */
import { isStage, type RemoteStore, type Stage, type Store } from "@choreo/core";
import { createBullmqExecutor, type BullmqExecutor } from "./bullmqExecutor.js";
import { InvalidClusterUrl } from "./errors.js";
import { poolNames, probeRedis, type PoolName } from "./redis.js";
import { openRemoteStore } from "./storeUrl.js";

export interface ClusterFlags {
  readonly store?: string | undefined;
  readonly redis?: string | undefined;
  readonly executor?: string | undefined;
}

export interface Cluster {
  readonly remote?: RemoteStore;
  readonly executor?: BullmqExecutor;
  close(): Promise<void>;
}

/** Opens (and probes) the shared store and the executor the flags name; nothing when they name none. */
export async function openCluster(
  flags: ClusterFlags,
  options: { cache: Store; env: NodeJS.ProcessEnv; cwd: string; choreoVersion: string },
): Promise<Cluster> {
  const executor = flags.executor ?? "local";
  if (executor !== "local" && executor !== "bullmq") {
    throw new InvalidClusterUrl(executor, "--executor is local or bullmq");
  }
  if (executor === "bullmq" && (flags.redis === undefined || flags.store === undefined)) {
    throw new InvalidClusterUrl("--executor bullmq", "needs --redis redis://HOST:PORT and --store URL");
  }
  if (flags.store === undefined) return { close: () => Promise.resolve() };
  const remote = await openProbed(flags.store, options, flags.redis);
  if (executor === "local") return { remote, close: () => remote.close() };
  const opened = createBullmqExecutor({
    redisUrl: flags.redis!,
    remote,
    cache: options.cache,
    choreoVersion: options.choreoVersion,
  });
  return {
    remote,
    executor: opened,
    close: async () => {
      await opened.close();
      await remote.close();
    },
  };
}

/** The shared store, probed (and Redis too, when given), both at once. */
export async function openProbed(
  url: string,
  options: { env: NodeJS.ProcessEnv; cwd: string },
  redisUrl?: string,
): Promise<RemoteStore> {
  const remote = openRemoteStore(url, options);
  await Promise.all([redisUrl === undefined ? undefined : probeRedis(redisUrl), remote.probe()]);
  return remote;
}

/** `cpu=2,gpu=1` to pool sizes; pools not named get `fallback`. */
export function parsePools(text: string | undefined, fallback: number): Record<PoolName, number> {
  const pools: Record<PoolName, number> = { cpu: fallback, gpu: fallback, net: fallback };
  if (text === undefined) return pools;
  for (const name of poolNames) pools[name] = 0;
  for (const part of text.split(",")) {
    const [name, value] = part.split("=");
    const n = Number(value);
    if (!poolNames.includes(name as PoolName) || !Number.isInteger(n) || n < 0) {
      throw new InvalidClusterUrl(text, "--pools is like cpu=2,gpu=1,net=4");
    }
    pools[name as PoolName] = n;
  }
  return pools;
}

/** Every stage exported by `modules` (package entry modules), by id. */
export function collectStages(modules: readonly Record<string, unknown>[]): Stage[] {
  const byId = new Map<string, Stage>();
  for (const mod of modules)
    for (const value of Object.values(mod)) if (isStage(value)) byId.set(value.id, value);
  return [...byId.values()];
}
