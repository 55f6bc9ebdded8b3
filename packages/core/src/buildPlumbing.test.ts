import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildStatus,
  classifyStatuses,
  materialize,
  openStore,
  readRef,
  refActions,
  runBuild,
  type Build,
  type Store,
} from "./index.js";
import { makeNumbers, square } from "../test/fixtureStages.js";

function freshStore(): Store {
  return openStore(mkdtempSync(join(tmpdir(), "choreo-core-")), { durable: false });
}

/** Two items of numbers → squares; `failOn` makes one item's square fail. */
async function walk(b: Build, opts: { count?: number; failOn?: number; items?: number[] } = {}) {
  return b.collect(
    (opts.items ?? [1, 2]).map((i) =>
      b.item(async () => {
        const params = { count: (opts.count ?? 2) + i };
        const { numbers } = await b.run(makeNumbers, { item: `i${i}`, params, inputs: {} });
        const fail = opts.failOn === undefined ? {} : { failOn: opts.failOn };
        return (await b.run(square, { item: `i${i}`, params: fail, inputs: { numbers } })).squares;
      }),
    ),
  );
}

describe("refActions", () => {
  it("replaces the previous actions after a good build and merges over them after a failed one", () => {
    const previous = { "a\t1": "k1", "b\t1": "k2" };
    const now = { "a\t1": "k3" };
    expect(refActions(now, previous, false)).toEqual({ "a\t1": "k3" });
    expect(refActions(now, previous, true)).toEqual({ "a\t1": "k3", "b\t1": "k2" });
  });
});

describe("classifyStatuses", () => {
  it("adds the last build's unreached actions as STALE (input) only when something will rerun", () => {
    const previous = { "s\ta": "k1", "t\ta": "k2" };
    const fresh = [{ stage: "s", item: "a", state: "FRESH" as const }];
    expect(classifyStatuses(fresh, previous)).toEqual(fresh);
    const stale = [{ stage: "s", item: "a", state: "STALE" as const, reason: "params" as const }];
    expect(classifyStatuses(stale, previous)).toEqual([
      ...stale,
      { stage: "t", item: "a", state: "STALE", reason: "input" },
    ]);
  });
});

describe("runBuild", () => {
  it("commits the build, writes the ref, and says the result is usable", async () => {
    const store = freshStore();
    const digestOf = (r: { digest: string }[]) => r[0]!.digest;
    const ref = { dataset: "d", recipe: "r", digestOf };
    const out = await runBuild({ store, jobs: 1, threads: false, ref }, (b) => walk(b));
    expect(out).toMatchObject({ failed: false, cancelled: false });
    expect(out.usable).toBe(out.result);
    expect(readRef(store.root, "d", "latest")).toMatchObject({
      recipe: "r",
      datasetDigest: out.result![0]!.digest,
      actions: out.summary.actions,
    });
  });

  it("keeps what built with keepGoing, and merges a failed build's ref over the previous one", async () => {
    const store = freshStore();
    const first = await runBuild({ store, jobs: 1, threads: false }, (b) => walk(b));
    const previous = first.summary.actions;
    const digestOf = () => "sha256:x";
    const ref = { dataset: "d", recipe: "r", previous, digestOf };
    const out = await runBuild({ store, jobs: 1, threads: false, keepGoing: true, ref }, (b) =>
      walk(b, { count: 4, failOn: 5, items: [1, 3] }),
    );
    expect(out.failed).toBe(true);
    expect(out.usable).toHaveLength(1); // item 1 built (0..4), item 3 failed (0..6 holds 5)
    const actions = readRef(store.root, "d", "latest")!.actions;
    expect(actions["test.square\ti2"]).toBe(previous["test.square\ti2"]); // only the previous build reached it
    expect(actions["test.square\ti1"]).toBe(out.summary.actions["test.square\ti1"]);
  });

  it("gives no usable result when an action fails without keepGoing", async () => {
    const out = await runBuild({ store: freshStore(), jobs: 1, threads: false }, (b) =>
      walk(b, { failOn: 1 }),
    );
    expect(out).toMatchObject({ failed: true, cancelled: true, usable: undefined });
    expect(out.summary.failures.map((f) => f._tag)).toEqual(["ActionFailed"]);
  });
});

describe("buildStatus", () => {
  it("says FRESH after a build and STALE (params) with unreached actions STALE (input) after a change", async () => {
    const store = freshStore();
    const built = await runBuild({ store, jobs: 1, threads: false }, (b) => walk(b));
    const previous = built.summary.actions;
    const fresh = await buildStatus({ store, previous, walk: (b) => walk(b) });
    expect(fresh.every((s) => s.state === "FRESH")).toBe(true);
    const changed = await buildStatus({ store, previous, walk: (b) => walk(b, { count: 5 }) });
    expect(changed).toContainEqual({
      stage: "test.makeNumbers",
      item: "i1",
      state: "STALE",
      reason: "params",
    });
    expect(changed).toContainEqual({ stage: "test.square", item: "i1", state: "STALE", reason: "input" });
  });
});

describe("materialize", () => {
  it("copies artifacts out of the store under their names, writable by the user", async () => {
    const store = freshStore();
    const out = await runBuild({ store, jobs: 1, threads: false }, (b) => walk(b));
    const dir = mkdtempSync(join(tmpdir(), "choreo-out-"));
    materialize(store, [{ name: "nested/first.json", artifact: out.result![0]! }], dir);
    expect(readFileSync(join(dir, "nested/first.json"))).toEqual(
      readFileSync(store.blobPath(out.result![0]!.digest)),
    );
    expect(statSync(join(dir, "nested/first.json")).mode & 0o777).toBe(0o644);
  });
});
