/**
 * A training run in its own process, for the interrupt test: `node --import tsx --conditions=@choreo/source
 * test/trainChild.ts DATASET OUT STEPS [--resume]`. Prints each step to stdout; exits 130 on SIGINT and 143 on
 * SIGTERM after the trainer wrote its checkpoint (as the CLI maps `interrupted`), 0 when it ran to the end.
 */
import { initBackend, train } from "../src/index.js";

const [dataset, outDir, steps] = process.argv.slice(2);
await initBackend("wasm");
const result = await train({
  model: { model: "cvae", dropout: 0.1 },
  train: {
    steps: Number(steps),
    batchSize: 4,
    preset: "tiny",
    logEvery: 1,
    valEvery: 0,
    checkpointEvery: 0,
    seed: 1,
  },
  dataset: dataset!,
  outDir: outDir!,
  resume: process.argv.includes("--resume"),
  log: (line) => process.stdout.write(`${line}\n`),
});
result.model.dispose();
process.exit(result.interrupted === "SIGINT" ? 130 : result.interrupted === "SIGTERM" ? 143 : 0);
