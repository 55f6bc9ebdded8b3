import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collectGarbage, lockStore, openStore, verifyStore, waitForStoreLock, type Store } from "./index.js";

const child = fileURLToPath(new URL("../test/lockChild.ts", import.meta.url));

function freshStore(): Store {
  return openStore(mkdtempSync(join(tmpdir(), "choreo-lock-")), { durable: false });
}

/** Starts `test/lockChild.ts` in its own process; resolves with its exit code. */
function run(...args: string[]): { exit: Promise<number>; stderr: () => string } {
  let err = "";
  const p = spawn(process.execPath, ["--import", "tsx", "--conditions=@choreo/source", child, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  p.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return { exit: new Promise((resolve) => p.on("exit", (code) => resolve(code ?? -1))), stderr: () => err };
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await sleep(20);
  }
}

const holdsShared = (store: Store) => () =>
  readdirSync(join(store.root, "locks")).some((n) => n.startsWith("store.shared."));
const holdsExclusive = (store: Store) => () => existsSync(join(store.root, "locks", "store.exclusive"));

describe("store lock", () => {
  it("refuses a build started while a slowed gc runs, in another process, and the gc finishes", async () => {
    const store = freshStore();
    const gc = run("gc", store.root, "8000"); // long enough for a second tsx process to start
    await until(holdsExclusive(store));
    const build = run("build", store.root, "0");
    expect(await build.exit).toBe(3);
    expect(build.stderr()).toContain("is busy");
    expect(await gc.exit).toBe(0);
    expect(await run("build", store.root, "0").exit).toBe(0);
    expect(verifyStore(store)).toMatchObject({ badBlobs: [], brokenActions: [] });
  }, 60_000);

  it("refuses gc while a build in another process holds the store, then collects after it", async () => {
    const store = freshStore();
    const build = run("build", store.root, "3000");
    await until(holdsShared(store));
    expect(() => collectGarbage(store)).toThrow(
      expect.objectContaining({ _tag: "StoreBusy", wanted: "exclusive" }),
    );
    expect(await build.exit).toBe(0);
    expect(collectGarbage(store).keptRefs).toBe(1);
    expect(verifyStore(store)).toMatchObject({ badBlobs: [], brokenActions: [] });
  }, 60_000);

  it("waits for the other side when asked to, up to a timeout", async () => {
    const store = freshStore();
    const gc = run("gc", store.root, "2000");
    await until(holdsExclusive(store));
    await expect(waitForStoreLock(store.root, "shared", { timeoutMs: 100 })).rejects.toMatchObject({
      _tag: "StoreBusy",
    });
    const lock = await waitForStoreLock(store.root, "shared", { timeoutMs: 30_000 });
    expect(await gc.exit).toBe(0);
    lock.release();
  }, 60_000);

  it("lets shared holders share, and ignores locks of dead processes", () => {
    const store = freshStore();
    const a = lockStore(store.root, "shared");
    const b = lockStore(store.root, "shared");
    expect(() => lockStore(store.root, "exclusive")).toThrow(expect.objectContaining({ _tag: "StoreBusy" }));
    a.release();
    b.release();
    const dead = JSON.stringify({ pid: 2 ** 22 + 4321, host: hostname() });
    writeFileSync(join(store.root, "locks", "store.exclusive"), dead);
    writeFileSync(join(store.root, "locks", "store.shared.999-dead"), dead);
    const gc = lockStore(store.root, "exclusive");
    expect(() => lockStore(store.root, "shared")).toThrow(
      expect.objectContaining({ _tag: "StoreBusy", wanted: "shared" }),
    );
    gc.release();
    lockStore(store.root, "shared").release();
  });
});
