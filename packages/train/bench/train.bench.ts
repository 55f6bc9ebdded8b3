/**
 * `pnpm bench train [--steps N] [--stock-steps N] [--sizes justlmd,small] [--gpu] [--only NAME]`: training throughput (samples/s of
 * forward + backward + clipping + AdamW + EMA) of the JustLMD Transformer CVAE at the reference size (180 × 78
 * motion, 180 × 256 condition, latent 512, 4 layers, batch 4) and at the `small` preset, side by side in one
 * run: PyTorch on the CPU with 1 thread (`train_torch.py`, Debian's python3-torch), choreo's wasm backend with
 * tfjs's stock BatchMatMul, with choreo's kernel, and data-parallel over 2 wasm workers (batch 4 each). Each
 * runs in its own process; single-thread figures are given by wall clock and by CPU time (robust on a loaded
 * machine), and the two ratios the issue tracks are printed. `--gpu` adds WebGPU on a hardware adapter (Dawn)
 * and PyTorch on CUDA, each reported as unavailable when the machine has none.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { createNoise, parseModelConfig, type ModelConfig } from "@choreo/models";
import {
  createLocalEngine,
  createParallelEngine,
  describeGpu,
  initBackend,
  probeGpu,
  resolveTrainConfig,
  shutdownBackend,
  type Engine,
  type MicroBatch,
} from "../src/index.js";
import { isSoftwareAdapter } from "../src/backend.js";

type Rate = { wall: number; cpu: number; ratio?: number };
type Row = { name: string; justlmd?: Rate; small?: Rate; note?: string };

const sizes: Record<string, { config: Record<string, unknown>; batch: number }> = {
  justlmd: { config: { model: "cvae" }, batch: 4 },
  small: {
    config: {
      model: "cvae",
      frames: 150,
      motionDims: 75,
      condDims: 34,
      latentDim: 128,
      layers: 2,
      heads: 4,
      ffDim: 256,
    },
    batch: 8,
  },
};

function microBatch(
  config: ModelConfig & { frames: number; motionDims: number; condDims: number },
  batch: number,
  seed: number,
): MicroBatch {
  const noise = createNoise(seed);
  const arr = (d: number) => ({
    data: noise.normalArray(batch * config.frames * d),
    shape: [batch, config.frames, d],
  });
  return { inputs: { motion: arr(config.motionDims), cond: arr(config.condDims) }, seed };
}

type Timing = { wall: number; cpu: number; samples: number };
const rate = (t: Timing): Rate => ({ wall: t.samples / (t.wall / 1000), cpu: t.samples / (t.cpu / 1000) });

/** One step of `engine` on `micro`: wall and process CPU milliseconds. */
async function timeStep(engine: Engine, micro: MicroBatch[], samples: number): Promise<Timing> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  await engine.step(micro, { lr: 1e-4, klScale: 1 });
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000, samples };
}

const sum = (ts: Timing[]): Timing =>
  ts.reduce((a, b) => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu, samples: a.samples + b.samples }), {
    wall: 0,
    cpu: 0,
    samples: 0,
  });

/**
 * `wasm-stock`/`wasm`/`webgpu`: one engine in this thread. `wasm-pair`: this thread's engine and 2 data-parallel
 * workers (a batch each) step by step in turn, so both see the same machine load; the ratio is the median of
 * the per-step ratios.
 */
async function child(
  kind: string,
  steps: number,
): Promise<Record<string, Rate & { ratio?: number; dp?: Rate }>> {
  await initBackend(
    kind === "webgpu" ? "webgpu" : "wasm",
    kind === "wasm-stock" ? { wasmMatMul: "stock" } : {},
  );
  const out: Record<string, Rate & { ratio?: number; dp?: Rate }> = {};
  for (const [size, { config, batch }] of Object.entries(sizes).filter(([k]) => picked.includes(k))) {
    const c = parseModelConfig(config) as Parameters<typeof microBatch>[0];
    const one = createLocalEngine(c, resolveTrainConfig({ steps: 1000, batchSize: batch, emaDecay: 0.999 }));
    const two =
      kind === "wasm-pair"
        ? await createParallelEngine(
            c,
            resolveTrainConfig({ steps: 1000, batchSize: 2 * batch, workers: 2, emaDecay: 0.999 }),
          )
        : undefined;
    const [m1, m2] = [microBatch(c, batch, 1), microBatch(c, batch, 2)];
    const [ts1, ts2]: [Timing[], Timing[]] = [[], []];
    for (let s = 0; s <= steps; s++) {
      const t1 = await timeStep(one, [m1], batch);
      const t2 = two === undefined ? undefined : await timeStep(two, [m1, m2], 2 * batch);
      if (s === 0) continue; // warm-up
      ts1.push(t1);
      if (t2 !== undefined) ts2.push(t2);
    }
    const ratios = ts2
      .map((t, i) => t.samples / t.wall / (ts1[i]!.samples / ts1[i]!.wall))
      .sort((a, b) => a - b);
    out[size] = {
      ...rate(sum(ts1)),
      ...(two !== undefined ? { dp: rate(sum(ts2)), ratio: ratios[Math.floor(ratios.length / 2)]! } : {}),
    };
    await one.dispose();
    await two?.dispose();
  }
  shutdownBackend();
  return out;
}

const args = process.argv.slice(2);
const arg = (k: string): string | undefined => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
const steps = Number(arg("--steps") ?? 3);
const picked = (arg("--sizes") ?? "justlmd,small").split(",");
if (arg("--child") !== undefined) {
  process.stdout.write(`${JSON.stringify(await child(arg("--child")!, steps))}\n`);
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const only = arg("--only");
const rows: Row[] = [];
const lastJson = (text: string): Record<string, unknown> =>
  JSON.parse(text.trim().split("\n").at(-1) ?? "") as Record<string, unknown>;
const runChild = (name: string, kind: string, n: number, dpName?: string): void => {
  if (only !== undefined && only !== kind) return;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=@choreo/source",
      self,
      "--child",
      kind,
      "--steps",
      String(n),
      "--sizes",
      picked.join(","),
    ],
    { encoding: "utf8", timeout: 3_600_000 },
  );
  try {
    const v = lastJson(r.stdout) as Record<string, Rate & { dp?: Rate; ratio?: number }>;
    rows.push({ name, ...v });
    if (dpName !== undefined)
      rows.push({
        name: dpName,
        ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, { ...x.dp!, ratio: x.ratio! }])),
      });
  } catch {
    rows.push({ name, note: `failed: ${r.stderr.trim().split("\n").at(-1) ?? ""}` });
  }
};
const runTorch = (name: string, device: string): void => {
  if (only !== undefined && only !== `torch-${device}`) return;
  const r = spawnSync(
    process.env["CHOREO_PYTHON"] ?? "/usr/bin/python3",
    [
      fileURLToPath(new URL("train_torch.py", import.meta.url)),
      "--steps",
      String(steps),
      "--threads",
      "1",
      "--device",
      device,
    ],
    { encoding: "utf8", timeout: 3_600_000 },
  );
  try {
    const v = lastJson(r.stdout) as {
      version: string;
      device?: string;
      unavailable?: string;
      justlmd?: Rate;
      small?: Rate;
    };
    rows.push(
      v.unavailable !== undefined
        ? { name: `${name} ${v.version}`, note: `unavailable: ${v.unavailable}` }
        : { name: `${name} ${v.version} (${v.device})`, justlmd: v.justlmd!, small: v.small! },
    );
  } catch {
    rows.push({ name, note: `failed: ${r.stderr.trim().split("\n").at(-1) ?? "no python3-torch"}` });
  }
};

/** Cores this process really gets now: CPU seconds of two busy worker threads over 1.5 s of wall clock. */
async function coresAvailable(): Promise<number> {
  const code = `const t = Date.now(); let x = 0; while (Date.now() - t < 1500) x += Math.sqrt(x + 1); require("node:worker_threads").parentPort.postMessage(x);`;
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  await Promise.all(
    [0, 1].map(() => new Promise((resolve) => new Worker(code, { eval: true }).once("message", resolve))),
  );
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / (performance.now() - wall);
}

const load = loadavg()[0]!;
const cores = await coresAvailable();
runTorch("torch cpu 1 thread", "cpu");
runChild("choreo wasm, stock BatchMatMul", "wasm-stock", Number(arg("--stock-steps") ?? 1));
runChild("choreo wasm, choreo's BatchMatMul", "wasm-pair", steps, "choreo wasm, data-parallel × 2 workers");
if (args.includes("--gpu")) {
  let gpu: string | undefined;
  try {
    const info = await probeGpu();
    gpu = isSoftwareAdapter(info) ? undefined : describeGpu(info);
    if (gpu === undefined)
      rows.push({
        name: "choreo webgpu",
        note: `unavailable: only a software adapter (${describeGpu(info)})`,
      });
  } catch (e) {
    rows.push({ name: "choreo webgpu", note: `unavailable: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (gpu !== undefined) runChild(`choreo webgpu (${gpu.slice(0, 40)})`, "webgpu", steps);
  runTorch("torch cuda", "cuda");
}

const fmt = (r: Rate | undefined, k: "wall" | "cpu"): string => (r === undefined ? "" : r[k].toFixed(3));
console.log(
  `train bench: Transformer CVAE samples/s (fwd+bwd+clip+AdamW), ${steps} timed steps after 1 warm-up (stock wasm: ${arg("--stock-steps") ?? 1})`,
);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}; load average ${load.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end; two busy threads got ${cores.toFixed(2)} cores at start, ${(await coresAvailable()).toFixed(2)} at end`,
);
console.log(
  `justlmd = 180×78 motion, 180×256 cond, latent 512, 4 layers, batch 4 (per worker); small = 150×75, 150×34, latent 128, 2 layers, batch 8`,
);
console.log(
  `${"runtime".padEnd(52)}${"justlmd wall".padStart(14)}${"justlmd cpu".padStart(13)}${"small wall".padStart(12)}${"small cpu".padStart(11)}`,
);
for (const r of rows)
  console.log(
    `${r.name.padEnd(52)}${r.note ?? `${fmt(r.justlmd, "wall").padStart(14)}${fmt(r.justlmd, "cpu").padStart(13)}${fmt(r.small, "wall").padStart(12)}${fmt(r.small, "cpu").padStart(11)}`}`,
  );
const find = (prefix: string): Row | undefined =>
  rows.find((r) => r.name.startsWith(prefix) && r.justlmd !== undefined);
const [torch, stock, fast, dp] = [
  find("torch cpu"),
  find("choreo wasm, stock"),
  find("choreo wasm, choreo's"),
  find("choreo wasm, data-parallel"),
];
const ratio = (a: Rate | undefined, b: Rate | undefined, k: "wall" | "cpu"): string =>
  a !== undefined && b !== undefined ? (a[k] / b[k]).toFixed(3) : "n/a";
console.log(
  `ratio wasm (choreo's kernel) / torch cpu 1 thread, justlmd: ${ratio(fast?.justlmd, torch?.justlmd, "cpu")} by CPU time, ${ratio(fast?.justlmd, torch?.justlmd, "wall")} by wall clock (target ≥ 0.25)`,
);
console.log(
  `ratio wasm data-parallel × 2 / wasm one thread (median over step pairs, wall clock), justlmd: ${dp?.justlmd?.ratio?.toFixed(3) ?? "n/a"} (target ≥ 1.7); small: ${dp?.small?.ratio?.toFixed(3) ?? "n/a"}`,
);
console.log(
  `ratio choreo's kernel / stock kernel, justlmd: ${ratio(fast?.justlmd, stock?.justlmd, "cpu")} by CPU time`,
);
console.log(
  `data-parallel CPU efficiency (samples per CPU-second, × 2 workers / one thread), justlmd: ${ratio(dp?.justlmd, fast?.justlmd, "cpu")}, small: ${ratio(dp?.small, fast?.small, "cpu")}: the speedup on 2 free cores is at most 2 × this; on a shared machine the wall-clock ratio is bounded by the cores available above`,
);
