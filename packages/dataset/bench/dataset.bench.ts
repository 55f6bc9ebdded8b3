// `pnpm bench dataset`: safetensors shard write and read throughput (streaming writer, random-access item
// reads) on a 512 MiB shard, and the full demo build time (cold cache, then a no-op rerun) through the CLI; then
// the same two builds in one thread (--no-threads), where the --json line's `verification` holds every blob
// check, to give what verifying the store's blobs costs of each.
// Usage: pnpm bench dataset [--mib 512]
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openShardWriter, readSafetensorsHeader } from "../src/index.js";

const args = process.argv.slice(2);
const mib = Number(args[args.indexOf("--mib") + 1] ?? 512) || 512;
const dir = mkdtempSync(join(tmpdir(), "choreo-bench-dataset-"));
const item = { frames: 150, dims: 151 }; // an EDGE window
const itemBytes = item.frames * item.dims * 4;
const items = Math.floor((mib * 2 ** 20) / itemBytes);
const path = join(dir, "train-00000.safetensors");
const window = Float32Array.from({ length: item.frames * item.dims }, (_, i) => Math.sin(i));

let t0 = performance.now();
const w = openShardWriter(path, [{ name: "motion", dtype: "F32", shape: [items, item.frames, item.dims] }], {
  split: "train",
});
for (let i = 0; i < items; i++) w.write("motion", i * window.length, window);
w.close();
const writeSec = (performance.now() - t0) / 1000;
const bytes = statSync(path).size;

const header = readSafetensorsHeader(path);
const fd = openSync(path, "r");
const lenBuf = Buffer.alloc(8);
readSync(fd, lenBuf, 0, 8, 0);
const dataStart = 8 + Number(lenBuf.readBigUInt64LE(0));
const [begin] = header.tensors.motion!.data_offsets;
const out = new Float32Array(item.frames * item.dims);
const order = Array.from({ length: items }, (_, i) => (i * 7919) % items); // a fixed shuffled order
t0 = performance.now();
for (const i of order)
  readSync(fd, new Uint8Array(out.buffer), 0, itemBytes, dataStart + begin + i * itemBytes);
const readSec = (performance.now() - t0) / 1000;
closeSync(fd);

const cli = fileURLToPath(new URL("../../../apps/runner/dist/cli.js", import.meta.url));
const cache = join(dir, "cache");
const build = (cacheDir: string, ...extra: string[]) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [cli, "build-dataset", "--cache", cacheDir, "--out", join(dir, "demo"), "--json", "--quiet", ...extra],
      { encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .at(-1)!,
  ) as {
    seconds: number;
    actions: { run: number; cached: number };
    verification: { blobs: number; bytes: number; ms: number };
  };
const cold = build(cache);
const warm = build(cache);
const oneThread = join(dir, "cache-1");
const [cold1, warm1] = [build(oneThread, "--no-threads"), build(oneThread, "--no-threads")];
const share = (r: typeof cold1): string =>
  `${r.verification.ms.toFixed(0)} ms over ${r.verification.blobs} blobs (${(r.verification.bytes / 2 ** 20).toFixed(1)} MiB) = ${(r.verification.ms / 10 / r.seconds).toFixed(1)}%`;

console.log(`dataset bench: ${cpus().length} × ${cpus()[0]?.model ?? "?"}`);
console.log(
  `  shard write   ${(bytes / 2 ** 30).toFixed(2)} GiB in ${writeSec.toFixed(2)} s = ${(bytes / 2 ** 30 / writeSec).toFixed(2)} GiB/s (${items} items of ${(itemBytes / 1024).toFixed(0)} KiB, streaming)`,
);
console.log(
  `  shard read    ${(bytes / 2 ** 30 / readSec).toFixed(2)} GiB/s random-access item reads (page cache warm)`,
);
console.log(
  `  demo build    cold ${cold.seconds.toFixed(2)} s (${cold.actions.run} actions), no-op rerun ${warm.seconds.toFixed(2)} s (${warm.actions.cached} cached)`,
);
console.log(
  `  verification  one thread: cold ${cold1.seconds.toFixed(2)} s, of which ${share(cold1)} (target < 10%); no-op ${warm1.seconds.toFixed(2)} s, of which ${share(warm1)} (target < 15%)`,
);
rmSync(dir, { recursive: true, force: true });
