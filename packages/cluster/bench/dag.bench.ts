// `pnpm bench dag --executor bullmq [--workers 3] [--actions 150]`: the cluster path on loopback (redis-server
// started here, a shared directory as the store). A stage that sleeps 50 ms per action, run by
//   local      one in-process Build, one action at a time (cpu pool 1)
//   bullmq ×k  the BullMQ executor with k workers of concurrency 1 (k = 1 .. --workers)
// Overhead per action = (wall − actions × 50 ms) / actions with one runner; throughput = actions / wall.
// Workers run in this process (each with its own Redis connections and local store): the stage only sleeps,
// so what is measured is the queueing, store and event path, not CPU contention.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { Build, createDirRemoteStore, defineStage, openStore, runBuild } from "@choreo/core";
import { createBullmqExecutor, createClusterWorker } from "../src/index.js";
import { startRedis } from "../src/testing.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
};
const maxWorkers = flag("--workers", 3);
const actions = flag("--actions", 150);
const sleepMs = 50;

const sleep = defineStage({
  id: "bench.sleep",
  version: 1,
  params: z.object({ ms: z.number(), run: z.string() }),
  inputs: {},
  outputs: { out: "text" },
  async run({ params, item, ctx }) {
    await new Promise((r) => setTimeout(r, params.ms));
    return { out: ctx.writeText("text", `${params.run} ${item}`) };
  },
});

const scratch = (what: string): string => mkdtempSync(join(tmpdir(), `choreo-bench-${what}-`));
const walk = (run: string) => (b: Build) =>
  b.collect(
    Array.from({ length: actions }, (_, i) =>
      b.item(() => b.run(sleep, { item: `a${i}`, params: { ms: sleepMs, run }, inputs: {} })),
    ),
  );

async function local(): Promise<number> {
  const store = openStore(scratch("local"), { durable: false });
  const b = new Build({ store, pools: { cpu: 1 } });
  const t0 = performance.now();
  await walk("local")(b);
  return (performance.now() - t0) / 1000;
}

async function cluster(redisUrl: string, workers: number): Promise<number> {
  const shared = scratch("shared");
  const running = Array.from({ length: workers }, (_, n) =>
    createClusterWorker({
      redisUrl,
      remote: createDirRemoteStore(shared),
      cache: openStore(scratch("worker"), { durable: false }),
      stages: [sleep],
      pools: { cpu: 1 },
      choreoVersion: "bench",
      name: `w${n + 1}`,
    }),
  );
  const store = openStore(scratch("coord"), { durable: false });
  const remote = createDirRemoteStore(shared);
  const executor = createBullmqExecutor({ redisUrl, remote, cache: store, choreoVersion: "bench" });
  const t0 = performance.now();
  const outcome = await runBuild({ store, jobs: 1, remote, executor }, walk(`k${workers}-${Date.now()}`));
  const seconds = (performance.now() - t0) / 1000;
  if (outcome.summary.run !== actions) throw new Error(`ran ${outcome.summary.run} of ${actions}`);
  await executor.close();
  await Promise.all(running.map((w) => w.close()));
  return seconds;
}

const redis = await startRedis();
try {
  console.log(
    `dag bench (bullmq): ${actions} actions sleeping ${sleepMs} ms, redis-server on loopback, shared directory store, ${cpus().length} cores, ${cpus()[0]?.model ?? "?"}`,
  );
  const overhead = (s: number): string =>
    `${(((s - (actions * sleepMs) / 1000) / actions) * 1000).toFixed(1)} ms/action`;
  const l = await local();
  console.log(
    `  local (1 at a time)  ${l.toFixed(2)} s  ${(actions / l).toFixed(1)} actions/s  overhead ${overhead(l)}`,
  );
  let one = 0;
  for (let k = 1; k <= maxWorkers; k++) {
    const s = await cluster(redis.url, k);
    if (k === 1) one = s;
    const extra = k === 1 ? `  overhead ${overhead(s)}` : `  ${(one / s).toFixed(2)}× of 1 worker`;
    console.log(`  bullmq, ${k} worker(s)  ${s.toFixed(2)} s  ${(actions / s).toFixed(1)} actions/s${extra}`);
  }
} finally {
  await redis.stop();
  rmSync(redis.dir, { recursive: true, force: true });
}
