// The BullMQ executor and cluster workers in one process, on a real redis-server and a shared directory.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirRemoteStore, openStore, runBuild, type Build } from "@choreo/core";
import { createBullmqExecutor, createClusterWorker, type ClusterWorker } from "../src/index.js";
import { failStage, sleepStage } from "./fixtureStages.js";
import { startRedis, type RedisServer } from "../src/testing.js";

let redis: RedisServer;
let workers: ClusterWorker[];
const shared = mkdtempSync(join(tmpdir(), "choreo-shared-"));
beforeAll(async () => {
  redis = await startRedis();
  workers = [1, 2].map((n) =>
    createClusterWorker({
      redisUrl: redis.url,
      remote: createDirRemoteStore(shared),
      cache: openStore(mkdtempSync(join(tmpdir(), "choreo-w-"))),
      stages: [sleepStage, failStage],
      pools: { cpu: 2 },
      choreoVersion: "test",
      name: `w${n}`,
    }),
  );
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await redis.stop();
});

async function clusterBuild(walk: (b: Build) => Promise<unknown>, keepGoing = false) {
  const store = openStore(mkdtempSync(join(tmpdir(), "choreo-c-")));
  const remote = createDirRemoteStore(shared);
  const executor = createBullmqExecutor({
    redisUrl: redis.url,
    remote,
    cache: store,
    choreoVersion: "test",
    pollMs: 500,
  });
  const seen = new Set<string>();
  try {
    const outcome = await runBuild(
      {
        store,
        jobs: 1,
        remote,
        executor,
        keepGoing,
        onEvent: (e) => e.type === "finished" && e.worker !== undefined && seen.add(e.worker),
      },
      walk,
    );
    return { ...outcome, workers: seen };
  } finally {
    await executor.close();
  }
}

const sleeps = (b: Build, n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) => b.run(sleepStage, { item: `i${i}`, params: { ms: 50 }, inputs: {} })),
  );

describe("createBullmqExecutor", () => {
  it("runs misses on the workers, then finds them all in the shared store", async () => {
    const first = await clusterBuild((b) => sleeps(b, 8));
    expect(first.summary.run).toBe(8);
    expect(first.workers.size).toBe(2);
    const second = await clusterBuild((b) => sleeps(b, 8));
    expect(second.summary).toMatchObject({ run: 0, cached: 8 });
  });

  it("records a failing action once, with its cause, and keeps going", async () => {
    const outcome = await clusterBuild(async (b) => {
      const [one] = await sleeps(b, 1);
      await b.item(() => b.run(failStage, { item: "x", params: {}, inputs: { in: one!.out } }));
      await b.item(() => b.run(sleepStage, { item: "after", params: { ms: 1 }, inputs: {} }));
    }, true);
    expect(outcome.summary.failed).toBe(1);
    expect(outcome.summary.failures[0]?.message).toContain("no good");
    expect(outcome.summary.run).toBe(1);
  });
});
