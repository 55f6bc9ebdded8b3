/**
 * `pnpm bench train`: training throughput (samples/s, forward + backward + AdamW) of the JustLMD Transformer
 * CVAE at the reference size (180 × 26 × 3 motion, 180 × 256 condition, latent 512, 4 layers) and at the
 * `small` preset, on the wasm, cpu and WebGPU backends (one child process each, the backend being per process)
 * and in PyTorch on the CPU (`train_torch.py`, Debian's python3-torch via /usr/bin/python3), side by side.
 * Args: `--steps N` (timed steps after 1 warm-up step, default 3), `--only BACKEND`.
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import {
  createNoise,
  createTransformerCvae,
  parseModelConfig,
  type TransformerCvaeConfig,
} from "@choreo/models";
import { AdamW, initBackend, probeGpu, describeGpu, shutdownBackend } from "../src/index.js";

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

async function measure(sizeName: string, steps: number): Promise<number> {
  const { config, batch } = sizes[sizeName]!;
  const c = parseModelConfig(config) as TransformerCvaeConfig;
  const model = createTransformerCvae(c);
  const opt = new AdamW(model.params, { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 });
  const noise = createNoise(1);
  const inputs = {
    motion: noise.normal([batch, c.frames, c.motionDims]),
    cond: noise.normal([batch, c.frames, c.condDims]),
  };
  const vars = [...model.params.variables.values()];
  let start = 0;
  for (let s = 0; s <= steps; s++) {
    if (s === 1) start = performance.now();
    const { value, grads } = tf.variableGrads(() => model.loss(inputs, createNoise(s), true).loss, vars);
    opt.apply(grads, 1e-4);
    await value.data();
    tf.dispose([value, ...Object.values(grads)]);
  }
  const rate = (steps * batch) / ((performance.now() - start) / 1000);
  model.dispose();
  opt.dispose();
  return rate;
}

const args = process.argv.slice(2);
const arg = (k: string): string | undefined => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
const steps = Number(arg("--steps") ?? 3);
const child = arg("--child");
if (child !== undefined) {
  await initBackend(child as "wasm");
  const out: Record<string, number> = {};
  for (const size of Object.keys(sizes))
    out[size] = await measure(size, child === "cpu" && size === "justlmd" ? 1 : steps);
  shutdownBackend();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const rows: Array<[string, string, string]> = [];
let gpu = "no adapter";
try {
  gpu = describeGpu(await probeGpu());
} catch {
  /* reported in the table */
}
for (const backend of ["wasm", "cpu", "webgpu"].filter(
  (b) => arg("--only") === undefined || arg("--only") === b,
)) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=@choreo/source", self, "--child", backend, "--steps", String(steps)],
    { encoding: "utf8", timeout: 1_200_000 },
  );
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  try {
    const v = JSON.parse(line) as Record<string, number>;
    rows.push([
      `tfjs ${backend}${backend === "webgpu" ? ` (${gpu.slice(0, 40)})` : ""}`,
      v.justlmd!.toFixed(2),
      v.small!.toFixed(2),
    ]);
  } catch {
    rows.push([`tfjs ${backend}`, "failed", r.stderr.trim().split("\n").at(-1) ?? ""]);
  }
}
if (arg("--only") === undefined || arg("--only") === "torch") {
  const py = spawnSync(
    "/usr/bin/python3",
    [fileURLToPath(new URL("train_torch.py", import.meta.url)), "--steps", String(steps)],
    { encoding: "utf8", timeout: 1_200_000 },
  );
  try {
    const v = JSON.parse(py.stdout.trim().split("\n").at(-1) ?? "") as Record<string, number>;
    rows.push([`torch ${v.version} cpu (${v.threads} threads)`, v.justlmd!.toFixed(2), v.small!.toFixed(2)]);
  } catch {
    rows.push(["torch cpu", "failed", py.stderr.trim().split("\n").at(-1) ?? ""]);
  }
}
console.log(
  `train bench: Transformer CVAE samples/s (fwd+bwd+AdamW), ${steps} timed steps; machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}`,
);
console.log(
  `justlmd = 180×78 motion, 180×256 cond, latent 512, 4 layers, batch 4; small = 150×75, 150×34, latent 128, 2 layers, batch 8`,
);
console.log(`${"runtime".padEnd(62)}${"justlmd".padStart(10)}${"small".padStart(10)}`);
for (const [name, a, b] of rows) console.log(`${name.padEnd(62)}${a.padStart(10)}${b.padStart(10)}`);
