// Worker body of importEntry.mjs: imports one stage module, as core's workerMain does before running a stage.
import { workerData } from "node:worker_threads";

await import(workerData.entry);
