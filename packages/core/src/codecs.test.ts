import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  Build,
  canonicalJson,
  collectGarbage,
  decodeSafetensors,
  encodeSafetensors,
  openStore,
  writeRef,
} from "./index.js";
import { makeNumbers } from "../test/fixtureStages.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined properties", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it("refuses values JSON cannot carry", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(
      expect.objectContaining({ _tag: "CanonicalJsonError" }),
    );
    expect(() => canonicalJson(new Float32Array(2))).toThrow(
      expect.objectContaining({ _tag: "CanonicalJsonError" }),
    );
  });
});

describe("encodeSafetensors", () => {
  it("round-trips tensors and metadata with an 8-byte aligned header", () => {
    const bytes = encodeSafetensors(
      { w: { dtype: "F64", shape: [2, 2], data: Float64Array.from([1, 2, 3, 4]) } },
      { note: "x" },
    );
    expect((8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))) % 8).toBe(0);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect([...(tensors.w!.data as Float64Array)]).toEqual([1, 2, 3, 4]);
    expect(metadata).toEqual({ note: "x" });
  });
  it("decodes unaligned tensors from a Node Buffer (whose slice is a view) to their own values", () => {
    const bytes = encodeSafetensors({
      a: { dtype: "U8", shape: [3], data: Uint8Array.from([1, 2, 3]) },
      b: { dtype: "F32", shape: [2], data: Float32Array.from([1.5, -2.25]) },
    });
    const { tensors } = decodeSafetensors(Buffer.from(bytes));
    expect([...(tensors.b!.data as Float32Array)]).toEqual([1.5, -2.25]);
  });

  it("names a truncated buffer as invalid, with its tensor", () => {
    const bytes = encodeSafetensors({ w: { dtype: "F32", shape: [4], data: new Float32Array(4) } });
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(
      expect.objectContaining({ _tag: "InvalidSafetensors", tensor: "w" }),
    );
  });
});

describe("openStore", () => {
  it("stores blobs read-only under their digest", () => {
    const store = openStore(mkdtempSync(join(tmpdir(), "store-")), { durable: true });
    const { digest } = store.putBlob(Buffer.from("hello"));
    expect(digest).toBe("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    expect(statSync(store.blobPath(digest)).mode & 0o222).toBe(0);
    expect(store.bytesWritten).toBe(5);
    store.putBlob(Buffer.from("hello"));
    expect(store.bytesWritten).toBe(5);
  });
});

describe("collectGarbage", () => {
  it("keeps what refs reach and, over the size cap, drops the least recently used ref", async () => {
    const store = openStore(mkdtempSync(join(tmpdir(), "gc-")), { durable: false });
    const refs: Record<string, string>[] = [];
    for (const count of [1000, 2000, 3]) {
      const b = new Build({ store });
      await b.run(makeNumbers, { item: "x", params: { count }, inputs: {} });
      refs.push(b.summary().actions);
    }
    writeRef(store.root, { dataset: "old", tag: "latest", recipe: "t", actions: refs[0]! });
    await new Promise((r) => setTimeout(r, 20));
    writeRef(store.root, { dataset: "new", tag: "latest", recipe: "t", actions: refs[1]! });
    const all = collectGarbage(store);
    expect(all).toMatchObject({ keptRefs: 2, droppedRefs: 0, removedActions: 1, removedBlobs: 1 });
    const capped = collectGarbage(store, { maxBytes: 10_000 });
    expect(capped).toMatchObject({ keptRefs: 1, droppedRefs: 1, removedActions: 1, removedBlobs: 1 });
    const b = new Build({ store });
    await b.run(makeNumbers, { item: "x", params: { count: 2000 }, inputs: {} });
    expect(b.summary().cached).toBe(1);
  });
});
