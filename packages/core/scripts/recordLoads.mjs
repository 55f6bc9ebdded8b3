// Preload for the "loads no TF.js / sharp" tests: `CHOREO_RECORD_LOADS=FILE node --import recordLoads.mjs ...`.
// Appends the URL of every module this thread resolves (ESM hook, see recordLoadsHooks.mjs) and, at exit, of
// every CommonJS module in require.cache, one per line, to FILE. Worker threads inherit the flag and record too.
// Without CHOREO_RECORD_LOADS it does nothing.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.CHOREO_RECORD_LOADS;
if (file !== undefined && file !== "") {
  register("./recordLoadsHooks.mjs", import.meta.url, { data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on("exit", () => {
    appendFileSync(
      file,
      Object.keys(cache)
        .map((path) => `${pathToFileURL(path).href}\n`)
        .join(""),
    );
  });
}
