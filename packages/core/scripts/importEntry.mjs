// `node --import recordLoads.mjs importEntry.mjs SPECIFIER`, run in a package's folder: imports the package's
// built entry as a user of the package would (the default export condition, so `dist/`), then, in a worker
// thread each, every module that its stages name as `entry` (what the local executor's workers import).
// Prints the worker entries as JSON.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const specifier = process.argv[2];
if (specifier === undefined) {
  console.error("usage: importEntry.mjs SPECIFIER");
  process.exit(2);
}
const path = createRequire(join(process.cwd(), "package.json")).resolve(specifier);
const mod = await import(pathToFileURL(path).href);
const isWorkerStage = (v) =>
  typeof v === "object" && v !== null && typeof v.id === "string" && typeof v.entry === "string";
const entries = [
  ...new Set(
    Object.values(mod)
      .filter(isWorkerStage)
      .map((stage) => stage.entry),
  ),
];
for (const entry of entries) {
  await new Promise((resolve, reject) => {
    // A file worker, as the executor's: preloads (--import) do not run in `eval` workers.
    const worker = new Worker(new URL("./importEntryWorker.mjs", import.meta.url), { workerData: { entry } });
    worker.on("error", reject);
    worker.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`worker for ${entry} exited ${code}`)),
    );
  });
}
console.log(JSON.stringify({ entry: pathToFileURL(path).href, workerEntries: entries }));
