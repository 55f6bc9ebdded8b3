// gc and builds on one cache (issue 13, finding 4): gc started during a build is refused with StoreBusy, the
// build finishes whole. (A build started during a slowed gc is covered with child processes in core's
// storeLock.test.ts: the CLI has no hook to slow gc down.)
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runCli, startCli, workdir } from "../cli.js";
import { expectIntact } from "./intact.js";

describe("gc during a build", () => {
  it("is refused while the build holds the cache, and the build's dataset and cache stay whole", async () => {
    const dir = workdir({ songs: 8, durationSec: 20 }); // long enough that gc starts (a CLI start, seconds on a busy machine) before it ends
    const cache = join(dir, "cache");
    const out = join(dir, "out");
    const build = startCli(["build-dataset", "--cache", cache, "--out", out, "--quiet"], dir);
    const exit = new Promise<number | null>((resolve) => build.on("close", resolve));
    const locks = join(cache, "locks");
    for (let i = 0; i < 600; i++) {
      let names: string[] = [];
      try {
        names = readdirSync(locks);
      } catch {
        // the cache is not created yet
      }
      if (names.some((n) => n.startsWith("store.shared."))) break;
      await sleep(50);
    }
    const gc = await runCli(["gc", "--cache", cache], dir);
    expect(gc.code).toBe(1);
    expect(gc.stderr).toContain("StoreBusy");
    expect(await exit).toBe(0);
    await expectIntact(dir, cache, out);
    expect((await runCli(["gc", "--cache", cache], dir)).code).toBe(0);
    await expectIntact(dir, cache, out);
  });
});
