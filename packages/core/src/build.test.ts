import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Build, createWorkerPool, openStore, type Store } from "./index.js";
import { makeNumbers, parity, square, sum, whichThread } from "../test/fixtureStages.js";
import { flipBit, truncate } from "../test/damage.js";
import type { BuildEvent } from "./events.js";

function freshStore(): Store {
  return openStore(mkdtempSync(join(tmpdir(), "choreo-core-")), { durable: false });
}

/** A three-stage recipe: per item numbers → squares, numbers → parity; a gather sums the squares. */
async function recipe(b: Build, opts: { items: number; seed?: number; failOn?: number }) {
  const parts = await b.collect(
    Array.from({ length: opts.items }, (_, i) =>
      b.item(async () => {
        const { numbers } = await b.run(makeNumbers, {
          item: `i${i}`,
          params: { count: i + 1, seed: opts.seed ?? 1 },
          inputs: {},
        });
        await b.run(parity, { item: `i${i}`, params: {}, inputs: { numbers } });
        const params = opts.failOn === undefined ? {} : { failOn: opts.failOn };
        return (await b.run(square, { item: `i${i}`, params, inputs: { numbers } })).squares;
      }),
    ),
  );
  const { total } = await b.run(sum, { item: "all", params: {}, inputs: { parts } });
  return total;
}

describe("Build", () => {
  it("runs every action once, then takes all of them from the cache", async () => {
    const store = freshStore();
    const first = new Build({ store });
    const total = await recipe(first, { items: 3 });
    expect(JSON.parse(store.readBlob(total.digest).toString())).toBe(0 + 1 + (1 + 4) + 0);
    expect(first.summary()).toMatchObject({ run: 10, cached: 0, failed: 0 });
    const second = new Build({ store });
    const again = await recipe(second, { items: 3 });
    expect(again.digest).toBe(total.digest);
    expect(second.summary()).toMatchObject({ run: 0, cached: 10 });
  });

  it("reruns only the stage whose params changed and its dependents", async () => {
    const store = freshStore();
    await recipe(new Build({ store }), { items: 2 });
    const b = new Build({ store });
    await recipe(b, { items: 2, failOn: 99 });
    expect(b.summary().byStage).toEqual({
      "test.makeNumbers": { run: 0, cached: 2, failed: 0 },
      "test.parity": { run: 0, cached: 2, failed: 0 },
      "test.square": { run: 2, cached: 0, failed: 0 },
      // early cutoff: the squares' bytes did not change, so the gather is a hit
      "test.sum": { run: 0, cached: 1, failed: 0 },
    });
  });

  it("treats an entry whose blob is gone as a miss", async () => {
    const store = freshStore();
    const total = await recipe(new Build({ store }), { items: 1 });
    const { rmSync } = await import("node:fs");
    rmSync(store.blobPath(total.digest), { force: true });
    const reopened = openStore(store.root, { durable: false });
    const b = new Build({ store: reopened });
    await recipe(b, { items: 1 });
    expect(b.summary().byStage["test.sum"]).toEqual({ run: 1, cached: 0, failed: 0 });
  });

  it("reruns a cached action whose output blob is bit-flipped, says so once and heals the blob", async () => {
    const store = freshStore();
    const total = await recipe(new Build({ store }), { items: 3 }); // 6: no other action writes these bytes
    const good = readFileSync(store.blobPath(total.digest));
    flipBit(store.blobPath(total.digest), 0);
    const events: BuildEvent[] = [];
    const b = new Build({ store: openStore(store.root, { durable: false }), onEvent: (e) => events.push(e) });
    const again = await recipe(b, { items: 3 });
    expect(again.digest).toBe(total.digest);
    expect(b.summary().byStage["test.sum"]).toEqual({ run: 1, cached: 0, failed: 0 });
    expect(events.filter((e) => e.type === "corrupt")).toEqual([
      expect.objectContaining({ stage: "test.sum", item: "all", digest: total.digest, problem: "mismatch" }),
    ]);
    expect(readFileSync(store.blobPath(total.digest)).equals(good)).toBe(true);
  });

  it("reruns a cached action whose output blob is truncated, instead of failing its readers", async () => {
    const store = freshStore();
    const first = new Build({ store });
    await recipe(first, { items: 3 });
    const numbers = JSON.parse(
      readFileSync(store.actionPath(first.summary().actions["test.makeNumbers\ti2"]!), "utf8"),
    ) as {
      outputs: { numbers: { digest: `sha256:${string}` } };
    };
    truncate(store.blobPath(numbers.outputs.numbers.digest), 2);
    const b = new Build({ store: openStore(store.root, { durable: false }) });
    await recipe(b, { items: 3 });
    expect(b.summary()).toMatchObject({ run: 1, failed: 0 });
    expect(b.summary().byStage["test.makeNumbers"]).toEqual({ run: 1, cached: 2, failed: 0 });
  });

  it("reports a corrupt cached blob as STALE (corrupt) in a dry run and leaves it in place", async () => {
    const store = freshStore();
    const first = new Build({ store });
    const total = await recipe(first, { items: 1 });
    flipBit(store.blobPath(total.digest));
    const dry = new Build({ store: openStore(store.root), dryRun: true, previous: first.summary().actions });
    await recipe(dry, { items: 1 }).catch(() => undefined);
    expect(dry.summary().statuses).toContainEqual({
      stage: "test.sum",
      item: "all",
      state: "STALE",
      reason: "corrupt",
    });
    expect(readFileSync(store.blobPath(total.digest)).length).toBeGreaterThan(0);
  });

  it("with keepGoing, records the failed item and builds the rest", async () => {
    const store = freshStore();
    const b = new Build({ store, keepGoing: true });
    await recipe(b, { items: 4, failOn: 2 });
    await b.drain();
    const s = b.summary();
    expect(s.failures.map((f) => [f.stage, f.item])).toEqual([
      ["test.square", "i2"],
      ["test.square", "i3"],
    ]);
    expect(s.byStage["test.sum"]).toEqual({ run: 1, cached: 0, failed: 0 });
    expect(() => b.assertSucceeded()).toThrow(expect.objectContaining({ _tag: "BuildFailed" }));
  });

  it("without keepGoing, stops at the first failure and caches no failure", async () => {
    const store = freshStore();
    const b = new Build({ store, pools: { cpu: 1 } });
    await expect(recipe(b, { items: 6, failOn: 0 })).rejects.toMatchObject({ _tag: "ActionFailed" });
    await b.drain();
    expect(b.summary().failed).toBe(1);
    expect(b.signal.aborted).toBe(true);
    const again = new Build({ store, keepGoing: true });
    await recipe(again, { items: 1, failOn: 0 });
    expect(again.summary().byStage["test.square"]?.failed).toBe(1);
  });

  it("computes statuses without running anything in a dry run", async () => {
    const store = freshStore();
    const first = new Build({ store });
    await recipe(first, { items: 2 });
    const dry = new Build({ store, dryRun: true, previous: first.summary().actions });
    await recipe(dry, { items: 3, seed: 1 }).catch(() => undefined);
    const rows = dry
      .summary()
      .statuses.map((s) => `${s.stage} ${s.item} ${s.state} ${s.reason ?? ""}`.trim());
    expect(rows).toContain("test.makeNumbers i0 FRESH");
    expect(rows).toContain("test.makeNumbers i2 MISSING");
    expect(rows).toContain("test.sum all STALE input");
    expect(dry.summary().run).toBe(0);
    const changed = new Build({ store, dryRun: true, previous: first.summary().actions });
    await recipe(changed, { items: 2, seed: 3 }).catch(() => undefined);
    expect(changed.summary().statuses).toContainEqual({
      stage: "test.makeNumbers",
      item: "i1",
      state: "STALE",
      reason: "params",
    });
  });

  it("runs stages with an entry in worker threads", async () => {
    const store = freshStore();
    const workers = createWorkerPool(2);
    try {
      const b = new Build({
        store,
        workers,
        pools: { cpu: 2 },
        onEvent: (e) => {
          if (e.type === "failed") console.log(e.error);
        },
      });
      const results = await Promise.all(
        [1, 2, 3, 4].map((nonce) => b.run(whichThread, { item: `t${nonce}`, params: { nonce }, inputs: {} })),
      );
      const threads = new Set(
        results.map((r) => JSON.parse(store.readBlob(r.thread.digest).toString()) as number),
      );
      expect(threads.has(0)).toBe(false);
      expect(threads.size).toBe(2);
    } finally {
      await workers.terminate();
    }
  });

  it("reruns an action whose lock was left by a dead process", async () => {
    const store = freshStore();
    const b0 = new Build({ store });
    const { numbers } = await b0.run(makeNumbers, { item: "x", params: { count: 2 }, inputs: {} });
    const key = b0.summary().actions["test.makeNumbers\tx"]!;
    const { rmSync } = await import("node:fs");
    rmSync(store.actionPath(key));
    writeFileSync(
      join(store.root, "locks", `${key}.lock`),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import("node:os")).hostname() }),
    );
    const b = new Build({ store });
    const again = await b.run(makeNumbers, { item: "x", params: { count: 2 }, inputs: {} });
    expect(again.numbers.digest).toBe(numbers.digest);
    expect(b.summary().run).toBe(1);
    expect(readFileSync(store.actionPath(key), "utf8")).toContain(key);
  });
});
