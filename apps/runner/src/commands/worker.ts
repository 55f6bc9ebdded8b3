/**
 * `choreo worker`: serves the cluster's queues until SIGTERM/SIGINT, then finishes its running jobs and exits
 * 0. It runs every stage of the workspace packages; its local store (`--cache`) is its read-through cache.
 * One line per job on stdout (started/finished/failed/refused, with the action key).
 */
import { hostname } from "node:os";
import { once } from "node:events";
import { createWorkerPool } from "@choreo/core";
import { collectStages, createClusterWorker, openProbed, parsePools } from "@choreo/cluster";
import * as dataset from "@choreo/dataset";
import * as features from "@choreo/features";
import * as ingest from "@choreo/ingest";
import * as motion from "@choreo/motion";
import * as pose from "@choreo/pose";
import * as recipes from "@choreo/recipes";
import * as render from "@choreo/render";
import { defineCommand } from "../command.js";
import { numberFlag, stringFlag } from "../flags.js";
import { clusterOptions, sessionFlags } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["worker"],
  usage:
    "choreo worker --redis redis://HOST:PORT --store s3://BUCKET/PREFIX|DIR [--concurrency N] [--pools cpu=2,gpu=1] [--cache DIR] [--name NAME]",
  describe: "run cluster build jobs from Redis",
  options: {
    ...clusterOptions,
    cache: { type: "string" },
    config: { type: "string" },
    concurrency: { type: "string" },
    pools: { type: "string" },
    name: { type: "string" },
    "lock-ms": { type: "string" },
    "no-threads": { type: "boolean" },
  },
  async run(ctx) {
    const [redis, store] = [stringFlag(ctx.values, "redis"), stringFlag(ctx.values, "store")];
    if (redis === undefined || store === undefined) {
      ctx.stderr.write("choreo worker needs --redis redis://HOST:PORT and --store URL\n");
      return 2;
    }
    const concurrency = numberFlag(ctx.values.concurrency, "concurrency", { positive: true }) ?? 1;
    const lockMs = numberFlag(ctx.values["lock-ms"], "lock-ms", { positive: true });
    const pools = parsePools(stringFlag(ctx.values, "pools"), concurrency);
    const remote = await openProbed(store, { env: process.env, cwd: process.cwd() }, redis);
    const cache = recipes.openConfiguredStore(sessionFlags(ctx), process.cwd(), process.env);
    const name = stringFlag(ctx.values, "name") ?? `${hostname()}:${process.pid}`;
    const threads = ctx.values["no-threads"] === true ? undefined : createWorkerPool(concurrency);
    const modules = [ingest, motion, pose, features, dataset, recipes, render] as Record<string, unknown>[];
    const worker = createClusterWorker({
      redisUrl: redis,
      remote,
      cache,
      stages: collectStages(modules),
      pools,
      choreoVersion,
      name,
      ...(threads !== undefined ? { threads } : {}),
      ...(lockMs !== undefined ? { lockMs } : {}),
      onLog: (line) => ctx.stdout.write(`${line}\n`),
    });
    ctx.stderr.write(`worker ${name} serving ${JSON.stringify(pools)} (choreo ${choreoVersion})\n`);
    if (!ctx.signal.aborted) await once(ctx.signal, "abort");
    await worker.close();
    await threads?.terminate();
    cache.flush();
    await remote.close();
    ctx.stderr.write(`worker ${name} stopped\n`);
    return 0;
  },
});
