#!/usr/bin/env node
// `pnpm bench <name> [args]`: runs a benchmark script from its package's sources (through tsx).
// Benchmarks are scripts, not timed tests; each prints its figures and the machine it ran on.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benches = {
  dag: ["packages/core/bench/dag.bench.ts"],
  ingest: ["packages/ingest/bench/media.bench.ts", "packages/ingest/bench/pickle.bench.ts"],
  audio: ["packages/features/bench/audio.bench.ts"],
  train: ["packages/train/bench/train.bench.ts"],
  dataset: ["packages/dataset/bench/dataset.bench.ts"],
  eval: ["packages/eval/bench/eval.bench.ts"],
  pose: ["packages/pose/bench/pose.bench.ts"],
  render: ["packages/render/bench/render.bench.ts"],
};
const [name, ...rest] = process.argv.slice(2);
if (name === undefined || !(name in benches)) {
  console.error(`usage: pnpm bench <${Object.keys(benches).join("|")}> [args]`);
  process.exit(2);
}
let code = 0;
for (const script of benches[name]) {
  const path = join(root, script);
  if (!existsSync(path)) {
    console.error(`${script}: missing`);
    code = 1;
    continue;
  }
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@choreo/source", path, ...rest], {
    cwd: root,
    stdio: "inherit",
  });
  code ||= r.status ?? 1;
}
process.exit(code);
