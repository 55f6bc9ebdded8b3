/**
 * For the packages' entry-load tests: every module URL a fresh Node process resolves when it imports a built
 * `@choreo/*` entry (and the worker threads of its stages), recorded by scripts/recordLoads.mjs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const scripts = fileURLToPath(new URL("../scripts/", import.meta.url));

/** TF.js and sharp: what dataset/eval (and their stage workers) must not load. */
export const heavyModules = /\/node_modules\/(@tensorflow\/|sharp\/|@img\/sharp)/;

/** The module URLs `import(entry)` loads, resolved from the package folder `cwd`; throws if the import fails. */
export function modulesLoadedBy(entry: string, cwd: string): string[] {
  const record = join(mkdtempSync(join(tmpdir(), "choreo-loads-")), "loads.txt");
  const run = spawnSync(
    process.execPath,
    ["--import", join(scripts, "recordLoads.mjs"), join(scripts, "importEntry.mjs"), entry],
    { cwd, env: { ...process.env, CHOREO_RECORD_LOADS: record }, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`importing ${entry} failed (exit ${run.status}): ${run.stderr}`);
  return readFileSync(record, "utf8")
    .split("\n")
    .filter((url) => url !== "");
}
