// A build on a cluster of real parts started here on loopback: Debian's redis-server, s3rver, and three
// `choreo worker` child processes. The coordinator is `choreo build-dataset --executor bullmq`.
import { type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "@choreo/core";
import { openRemoteStore } from "@choreo/cluster";
import { freePort, startRedis, startS3, type RedisServer, type S3Server } from "@choreo/cluster/testing";
import { runCli, startCli, workdir } from "./cli.js";

const store = "s3://choreo/cluster";
let redis: RedisServer;
let s3: S3Server;
const workers: { child: ChildProcess; name: string; log: string }[] = [];

function startWorker(name: string): Promise<void> {
  const cache = mkdtempSync(join(tmpdir(), `choreo-${name}-`));
  const args = ["worker", "--redis", redis.url, "--store", store, "--cache", cache, "--name", name];
  const child = startCli([...args, "--lock-ms", "3000", "--concurrency", "2"], cache, s3.env);
  const w = { child, name, log: "" };
  workers.push(w);
  child.stdout!.on("data", (d: Buffer) => (w.log += d.toString()));
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("serving")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker ${name} exited ${code}: ${err}`)));
  });
}

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis(), startS3()]);
  await Promise.all(["w1", "w2", "w3"].map(startWorker));
}, 120_000);

const alive = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);

/** SIGTERMs the live workers; resolves with their exit codes. */
function stopWorkers(): Promise<(number | null)[]> {
  return Promise.all(
    alive().map((w) => {
      const exited = new Promise<number | null>((r) => w.child.on("exit", (code) => r(code)));
      w.child.kill("SIGTERM");
      return exited;
    }),
  );
}

afterAll(async () => {
  await stopWorkers();
  await Promise.all([redis?.stop(), s3?.stop()]);
});

const clusterArgs = () => ["--executor", "bullmq", "--redis", redis.url, "--store", store];
function build(dir: string, cache: string, ...extra: string[]) {
  return runCli(["build-dataset", "--cache", join(dir, cache), "--json", ...extra], dir, s3.env);
}

describe("choreo build-dataset --executor bullmq", () => {
  it("gives the local datasetDigest, then runs 0 actions, and a local build on the store reuses it", async () => {
    const dir = workdir({ songs: 3, durationSec: 8 });
    const local = await build(dir, "local");
    expect(local.code).toBe(0);
    const cluster = await build(dir, "coord1", ...clusterArgs());
    expect(cluster.code, cluster.stderr).toBe(0);
    expect(cluster.json.actions.run).toBe(local.json.actions.run);
    expect(cluster.json.datasetDigest).toBe(local.json.datasetDigest);
    const ran = workers.map((w) => (w.log.match(/^finished /gm) ?? []).length);
    expect(ran.filter((n) => n > 0).length).toBeGreaterThan(1); // the work was spread

    const again = await build(dir, "coord2", ...clusterArgs());
    expect(again.code, again.stderr).toBe(0);
    expect(again.json.actions).toMatchObject({ run: 0, failed: 0 });
    expect(again.json.datasetDigest).toBe(local.json.datasetDigest);

    const reuse = await build(dir, "local2", "--store", store);
    expect(reuse.code, reuse.stderr).toBe(0);
    expect(reuse.json.actions).toMatchObject({ run: 0, failed: 0 });
    expect(reuse.json.datasetDigest).toBe(local.json.datasetDigest);
  });

  it("survives kill -9 of a worker mid-action: the action completes exactly once after the kill", async () => {
    const dir = workdir({ songs: 3, durationSec: 20 });
    const coordinator = build(dir, "coord", ...clusterArgs());
    const victim = await new Promise<{ w: (typeof workers)[number]; key: string }>((resolve) => {
      const timer = setInterval(() => {
        for (const w of alive()) {
          const m = /^started demo\.musicFeatures \S+ ([0-9a-f]{64})$/m.exec(w.log);
          if (m !== null) {
            clearInterval(timer);
            w.child.kill("SIGKILL");
            resolve({ w, key: m[1]! });
          }
        }
      }, 5);
    });
    const result = await coordinator;
    expect(result.code, result.stderr).toBe(0);
    const local = await build(dir, "local");
    expect(result.json.datasetDigest).toBe(local.json.datasetDigest);
    expect(victim.w.log).not.toContain(`finished demo.musicFeatures`);
    const completions = workers
      .filter((w) => w !== victim.w)
      .map((w) => w.log.split("\n").filter((l) => l.startsWith("finished") && l.endsWith(victim.key)).length);
    expect(completions.reduce((a, b) => a + b, 0)).toBe(1);
    const blobs = await blobsNamedByContent();
    expect(blobs.bad).toBe(0);
    expect(blobs.whole).toBeGreaterThan(20);
  });

  it("says in one line, with exit 2 within 10 s, that Redis or the store cannot be reached", async () => {
    const dir = workdir({ songs: 1, durationSec: 4 });
    const closed = `redis://127.0.0.1:${await freePort()}`;
    for (const [args, env] of [
      [["--executor", "bullmq", "--redis", closed, "--store", store], s3.env],
      [["--store", "s3://choreo/x"], { ...s3.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}` }],
    ] as const) {
      const started = Date.now();
      const r = await runCli(["build-dataset", "--cache", join(dir, "c"), ...args], dir, env);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(/^Unreachable: \[cluster\] (redis|store) /),
      ]);
    }
  });

  it("stops its workers cleanly on SIGTERM (exit 0, after their running jobs)", async () => {
    expect(alive().length).toBeGreaterThan(0);
    expect(new Set(await stopWorkers())).toEqual(new Set([0]));
  });
});

/** Fetches every blob of the shared store through the S3 API into a fresh local store, which hashes each. */
async function blobsNamedByContent(): Promise<{ whole: number; bad: number }> {
  const remote = openRemoteStore(store, { env: s3.env, cwd: "/" });
  const local = openStore(mkdtempSync(join(tmpdir(), "choreo-check-")), { durable: false });
  let whole = 0;
  let bad = 0;
  for (const { digest } of await remote.listBlobs()) {
    if ((await remote.fetchBlob(digest, local)) && local.readBlob(digest).length >= 0) whole++;
    else bad++;
  }
  await remote.close();
  return { whole, bad };
}
