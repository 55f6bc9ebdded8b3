/**
 * A bench worker thread: builds one row's audio, runs the row once to warm up, reports "ready", and on "go" runs it
 * `runs` times back to back and reports the wall time. One worker per song in the two-thread figures.
 */
import { parentPort, workerData } from "node:worker_threads";
import { BENCH_ROWS, benchAudio } from "./audioRows.js";

const { rowId, runs } = workerData as { rowId: string; runs: number };
const row = BENCH_ROWS.find((r) => r.id === rowId)!;
const y = benchAudio(row);
row.run(y, row.sampleRateHz);
parentPort!.postMessage({ type: "ready" });
parentPort!.once("message", () => {
  const t0 = performance.now();
  for (let r = 0; r < runs; r++) row.run(y, row.sampleRateHz);
  parentPort!.postMessage({ type: "done", ms: performance.now() - t0 });
});
