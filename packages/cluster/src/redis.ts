/**
 * Redis for the cluster: `redis://[user:pass@]HOST:PORT[/DB]` to connection options, the queue of each resource
 * pool, and a probe that fails fast (one connection attempt, a few seconds) with `Unreachable` instead of
 * retrying forever as BullMQ's own connections do.
 */
import { Redis } from "ioredis";
import type { Stage } from "@choreo/core";
import { InvalidClusterUrl, Unreachable } from "./errors.js";

export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
}

/** Connection options of a `redis://` URL. */
export function parseRedisUrl(url: string): RedisConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidClusterUrl(url, "expected redis://HOST:PORT");
  }
  if (parsed.protocol !== "redis:") throw new InvalidClusterUrl(url, "expected redis://HOST:PORT");
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port === "" ? 6379 : Number(parsed.port),
    db,
    ...(parsed.username !== "" ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password !== "" ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

/** Resource pools that have a queue; an action goes to the first its stage asks for (gpu, then net, then cpu). */
export const poolNames = ["cpu", "gpu", "net"] as const;
export type PoolName = (typeof poolNames)[number];

/** The pool (and so the queue) of a stage. */
export function poolOf(stage: Pick<Stage, "resources">): PoolName {
  const r = stage.resources ?? {};
  if ((r.gpu ?? 0) > 0) return "gpu";
  if ((r.net ?? 0) > 0) return "net";
  return "cpu";
}

/** The BullMQ queue name of a pool. */
export const queueName = (pool: PoolName): string => `choreo-${pool}`;

/** Connects once and PINGs; throws `Unreachable` within `timeoutMs`. */
export async function probeRedis(url: string, timeoutMs = 4000): Promise<void> {
  const client = new Redis({
    ...parseRedisUrl(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined); // the rejected connect() carries it
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Unreachable("redis", url, error);
  } finally {
    client.disconnect();
  }
}
