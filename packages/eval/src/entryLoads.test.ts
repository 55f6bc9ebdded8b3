import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const scripts = fileURLToPath(new URL("../../core/scripts/", import.meta.url));
const heavy = /\/node_modules\/(@tensorflow\/|sharp\/|@img\/sharp)/;

/** Every module URL a fresh Node process resolves when it imports the built @choreo/eval (and its stage workers). */
function loadedModules(): string[] {
  const record = join(mkdtempSync(join(tmpdir(), "choreo-loads-")), "loads.txt");
  const run = spawnSync(
    process.execPath,
    ["--import", join(scripts, "recordLoads.mjs"), join(scripts, "importEntry.mjs"), "@choreo/eval"],
    {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, CHOREO_RECORD_LOADS: record },
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(record, "utf8")
    .split("\n")
    .filter((url) => url !== "");
}

describe("@choreo/eval entry", () => {
  it("loads no TF.js and no sharp, in the main thread or in its stages' worker threads", () => {
    const loaded = loadedModules();
    expect(loaded).toContain(new URL("../dist/index.js", import.meta.url).href); // the recorder saw the built entry
    expect(loaded.filter((url) => heavy.test(url))).toEqual([]);
  });
});
