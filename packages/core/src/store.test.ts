import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, writeRef, type Store } from "./index.js";
import { flipBit, truncate } from "../test/damage.js";

function freshStore(): Store {
  return openStore(mkdtempSync(join(tmpdir(), "choreo-store-")), { durable: false });
}

describe("Store.readBlob", () => {
  it("returns whole blobs", () => {
    const store = freshStore();
    const { digest, size } = store.putBlob(Buffer.from("x".repeat(3 << 20))); // several read chunks
    expect(openStore(store.root).readBlob(digest, size).length).toBe(3 << 20);
  });

  it("quarantines a bit-flipped blob and throws StoreCorrupt", () => {
    const store = freshStore();
    const { digest } = store.putBlob(Buffer.from("hello world"));
    flipBit(store.blobPath(digest));
    const reader = openStore(store.root);
    expect(() => reader.readBlob(digest)).toThrow(expect.objectContaining({ _tag: "StoreCorrupt" }));
    expect(existsSync(store.blobPath(digest))).toBe(false);
    expect(readdirSync(join(store.root, "quarantine"))).toEqual([expect.stringMatching(/\.mismatch\./)]);
  });

  it("calls a blob shorter than its recorded size short", () => {
    const store = freshStore();
    const { digest, size } = store.putBlob(Buffer.from("0123456789"));
    truncate(store.blobPath(digest), 4);
    expect(openStore(store.root).checkBlob(digest, size)).toBe("short");
  });
});

describe("Store.putBlob", () => {
  it("replaces a damaged blob of the same name instead of keeping it", () => {
    const store = freshStore();
    const bytes = Buffer.from("the right bytes");
    const { digest } = store.putBlob(bytes);
    flipBit(store.blobPath(digest));
    openStore(store.root).putBlob(bytes);
    expect(readFileSync(store.blobPath(digest)).equals(bytes)).toBe(true);
  });
});

describe("Store.verifiedPath", () => {
  it("hands out a path only for a whole blob", () => {
    const store = freshStore();
    const { digest, size } = store.putBlob(Buffer.from("media bytes"));
    expect(openStore(store.root).verifiedPath(digest, size)).toBe(store.blobPath(digest));
    truncate(store.blobPath(digest));
    expect(() => openStore(store.root).verifiedPath(digest, size)).toThrow(
      expect.objectContaining({ _tag: "StoreCorrupt" }),
    );
  });
});

describe("openStore", () => {
  it("names the path when a file stands where the cache folder should be (EEXIST/ENOTDIR)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "choreo-store-")), "cache");
    writeFileSync(file, "not a folder");
    expect(() => openStore(file)).toThrow(expect.objectContaining({ _tag: "StoreUnwritable" }));
  });

  it("names the folder that is a file (locks/) in StoreUnwritable", () => {
    const root = mkdtempSync(join(tmpdir(), "choreo-store-"));
    mkdirSync(join(root, "cas"), { recursive: true });
    writeFileSync(join(root, "locks"), "a file where locks/ should be");
    expect(() => openStore(root)).toThrow(
      expect.objectContaining({ _tag: "StoreUnwritable", path: expect.stringContaining("locks") }),
    );
  });

  it("names the ref when a folder stands where it is written (EISDIR)", () => {
    const store = freshStore();
    mkdirSync(join(store.root, "refs", "demo", "latest", "x"), { recursive: true });
    expect(() =>
      writeRef(store.root, { dataset: "demo", tag: "latest", recipe: "demo", actions: {} }),
    ).toThrow(
      expect.objectContaining({
        _tag: "StoreUnwritable",
        code: "EISDIR",
        path: join(store.root, "refs", "demo", "latest"),
      }),
    );
  });
});
