// One conformance suite for both shared stores: the directory store and the S3 store against s3rver.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestOf, openStore, type ActionEntry, type RemoteStore } from "@choreo/core";
import { openRemoteStore } from "../src/index.js";
import { startS3, type S3Server } from "../src/testing.js";

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.stop();
});

const scratch = (): string => mkdtempSync(join(tmpdir(), "choreo-remote-"));

const kinds: [string, () => RemoteStore][] = [
  ["directory", () => openRemoteStore(scratch(), { env: {}, cwd: "/" })],
  [
    "s3",
    () => openRemoteStore(`s3://choreo/t${Math.random().toString(36).slice(2)}`, { env: s3.env, cwd: "/" }),
  ],
];

describe.each(kinds)("RemoteStore (%s)", (_name, open) => {
  it("round-trips blobs and entries between two local caches, blob before entry", async () => {
    const remote = open();
    await remote.probe();
    const a = openStore(scratch());
    const b = openStore(scratch());
    const { digest } = a.putBlob(new TextEncoder().encode("hello cluster"));
    expect(await remote.hasBlob(digest)).toBe(false);
    await remote.pushBlob(digest, a);
    await remote.pushBlob(digest, a); // HEAD finds it: nothing re-sent, no error
    const entry: ActionEntry = {
      v: 1,
      key: "ab".repeat(32),
      preimage: { v: 1, stage: "t.s", version: 1, params: {}, item: "i", inputs: {}, tools: {} },
      outputs: { out: { kind: "report", digest, size: 13, meta: {} } },
      durationMs: 1,
      status: "ok",
    };
    await remote.writeAction(entry);
    expect(await remote.readAction(entry.key)).toEqual(entry);
    expect(await remote.fetchBlob(digest, b)).toBe(true);
    expect(b.readBlob(digest).toString()).toBe("hello cluster");
    expect(await remote.listActions()).toEqual([entry.key]);
    expect(await remote.listBlobs()).toEqual([{ digest, size: 13 }]);
    await remote.deleteBlob(digest);
    expect(await remote.fetchBlob(digestOf("other"), openStore(scratch()))).toBe(false);
    await remote.close();
  });

  it("uploads a large blob in parts and reads it back whole", async () => {
    const remote = open();
    const a = openStore(scratch(), { durable: false });
    const bytes = new Uint8Array(17 * 1024 * 1024).map((_, i) => (i * 7) % 251);
    const { digest } = a.putBlob(bytes);
    await remote.pushBlob(digest, a);
    const b = openStore(scratch(), { durable: false });
    expect(await remote.fetchBlob(digest, b)).toBe(true);
    expect(b.readBlob(digest).equals(bytes)).toBe(true);
    await remote.close();
  });

  it("keeps refs", async () => {
    const remote = open();
    await remote.writeRef({ dataset: "demo", tag: "latest", recipe: "demo", actions: { "a\tb": "k" } });
    expect((await remote.readRef("demo", "latest"))?.actions).toEqual({ "a\tb": "k" });
    expect((await remote.listRefs()).map((r) => r.dataset)).toEqual(["demo"]);
    await remote.close();
  });
});

describe("openRemoteStore", () => {
  it("gives Unreachable when the S3 endpoint does not answer", async () => {
    const env = { ...s3.env, AWS_ENDPOINT_URL: "http://127.0.0.1:9" };
    const started = Date.now();
    await expect(openRemoteStore("s3://choreo/x", { env, cwd: "/" }).probe()).rejects.toMatchObject({
      _tag: "Unreachable",
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a URL scheme it does not know", () => {
    expect(() => openRemoteStore("gs://b/p", { env: {}, cwd: "/" })).toThrow(
      expect.objectContaining({ _tag: "InvalidClusterUrl" }) as Error,
    );
  });
});
