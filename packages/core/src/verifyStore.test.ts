import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Build, openStore, verifyStore, type Store } from "./index.js";
import { makeNumbers, square } from "../test/fixtureStages.js";
import { flipBit, truncate } from "../test/damage.js";

async function builtStore(): Promise<{ store: Store; keys: Record<string, string>; digests: string[] }> {
  const store = openStore(mkdtempSync(join(tmpdir(), "choreo-verify-")), { durable: false });
  const b = new Build({ store });
  const digests: string[] = [];
  for (const count of [3, 4]) {
    const { numbers } = await b.run(makeNumbers, { item: `n${count}`, params: { count }, inputs: {} });
    const { squares } = await b.run(square, { item: `n${count}`, params: {}, inputs: { numbers } });
    digests.push(numbers.digest, squares.digest);
  }
  return { store, keys: b.summary().actions, digests };
}

describe("verifyStore", () => {
  it("finds nothing wrong in a healthy store", async () => {
    const { store } = await builtStore();
    expect(verifyStore(store)).toMatchObject({
      blobs: 4,
      badBlobs: [],
      actions: 4,
      brokenActions: [],
      quarantined: 0,
    });
  });

  it("reports flipped and truncated blobs and the entries that point at them, changing nothing", async () => {
    const { store, keys, digests } = await builtStore();
    flipBit(store.blobPath(digests[0] as `sha256:${string}`));
    truncate(store.blobPath(digests[3] as `sha256:${string}`));
    const found = verifyStore(store);
    expect(found.badBlobs).toEqual(
      expect.arrayContaining([
        { digest: digests[0], problem: "mismatch" },
        { digest: digests[3], problem: "short" },
      ]),
    );
    expect([...found.brokenActions].sort()).toEqual(
      [keys["test.makeNumbers\tn3"], keys["test.square\tn4"]].sort(),
    );
    expect(existsSync(store.blobPath(digests[0] as `sha256:${string}`))).toBe(true);
  });

  it("with repair, quarantines bad blobs and drops their entries so only those actions rerun", async () => {
    const { store, digests } = await builtStore();
    flipBit(store.blobPath(digests[1] as `sha256:${string}`));
    const repaired = verifyStore(store, { repair: true });
    expect(repaired).toMatchObject({ droppedActions: 1, quarantined: 1, repaired: true });
    expect(verifyStore(store)).toMatchObject({ badBlobs: [], brokenActions: [] });
    const b = new Build({ store: openStore(store.root, { durable: false }) });
    const { numbers } = await b.run(makeNumbers, { item: "n3", params: { count: 3 }, inputs: {} });
    await b.run(square, { item: "n3", params: {}, inputs: { numbers } });
    expect(b.summary()).toMatchObject({ run: 1, cached: 1 });
  });
});
