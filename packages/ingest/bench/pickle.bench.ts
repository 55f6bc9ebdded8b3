/**
 * Bench: parse a ~30 MB AIST++-style motions pickle (protocol 5, float32 (N, 72) poses + (N, 3) trans).
 * The pickle is written first by Debian's numpy (/usr/bin/python3) into a temp dir, then parsed a few
 * times; prints the median ms and MB/s. Run from packages/ingest:
 *   node --conditions=@choreo/source --import tsx bench/pickle.bench.ts [--frames N] [--runs N] [--protocol P]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAistppMotion } from "../src/aistpp.js";
import { parsePickle } from "../src/pickle.js";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const frames = option("frames", 100_000); // 100k × 75 × 4 B ≈ 30 MB
const runs = option("runs", 7);
const protocol = option("protocol", 5);
const python = process.env["CHOREO_PYTHON"] ?? "/usr/bin/python3";

const dir = mkdtempSync(join(tmpdir(), "choreo-pickle-bench-"));
try {
  const path = join(dir, "motion.pkl");
  const script = `
import pickle, sys, numpy as np
n, proto, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
poses = (np.arange(n * 72, dtype=np.float32) % 6.283).reshape(n, 72)
trans = np.ones((n, 3), dtype=np.float32)
with open(path, "wb") as f:
    pickle.dump({"smpl_poses": poses, "smpl_scaling": np.array([93.5], np.float32), "smpl_trans": trans,
                 "smpl_loss": 0.5}, f, protocol=proto)
`;
  execFileSync(python, ["-c", script, String(frames), String(protocol), path], { stdio: "inherit" });
  const bytes = readFileSync(path);
  const megabytes = bytes.length / 1e6;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const motion = parseAistppMotion(parsePickle(bytes, { file: path }), path);
    times.push(performance.now() - start);
    if (motion.poses.shape[0] !== frames) throw new Error("bench: wrong frame count");
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `ingest/pickle: motions pickle ${megabytes.toFixed(1)} MB (protocol ${protocol}, ${frames} frames): ` +
      `median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, ${(megabytes / (median / 1000)).toFixed(0)} MB/s over ${runs} runs`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
