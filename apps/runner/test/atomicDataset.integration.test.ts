import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, workdir } from "./cli.js";

const small = { songs: 3, durationSec: 8 };

/** Every file of a dataset folder with its sha256 (the folder as a reader sees it). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort())
    out[name] = createHash("sha256")
      .update(readFileSync(join(dir, name)))
      .digest("hex");
  return out;
}

describe("choreo build-dataset swapping a dataset in", () => {
  it("leaves the folder the old or the new dataset when killed at any of 20 points of the swap", async () => {
    const dir = workdir(small);
    const build = (windowSec: number, env: Record<string, string> = {}) => {
      writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ demo: { ...small, windowSec } }));
      return runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir, env);
    };
    const first = await build(5);
    expect(first.code, first.stderr).toBe(0);
    const oldFiles = snapshot(first.json.out);
    const second = await build(4);
    expect(second.code, second.stderr).toBe(0);
    const newFiles = snapshot(second.json.out);
    expect(newFiles).not.toEqual(oldFiles);

    const seen = new Set<string>();
    for (let point = 0; point < 20; point++) {
      expect((await build(5)).code).toBe(0); // the old dataset is in place
      const killed = await build(4, { CHOREO_FAULT_KILL_AT: String(point) });
      const now = snapshot(first.json.out);
      const which =
        JSON.stringify(now) === JSON.stringify(oldFiles)
          ? "old"
          : JSON.stringify(now) === JSON.stringify(newFiles)
            ? "new"
            : "mixed";
      expect(which, `killed at point ${point} (exit ${killed.code})`).not.toBe("mixed");
      seen.add(which);
    }
    // The kill points span the swap: some runs died before it (old), some after (new).
    expect([...seen].sort()).toEqual(["new", "old"]);
    const final = await build(4);
    expect(final.code).toBe(0);
    expect(snapshot(final.json.out)).toEqual(newFiles);
  }, 600_000);
});
