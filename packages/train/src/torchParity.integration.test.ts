/**
 * choreo ↔ PyTorch (`python/choreo_datasets`, run with Debian's python3-torch): the Python package's own
 * unittest suite, the same normalized batch read from both sides, and the same CVAE loss on the same
 * weights, batch and latent noise, in both directions (a TF.js checkpoint in PyTorch, a PyTorch checkpoint in
 * TF.js). Skipped when /usr/bin/python3 lacks numpy or torch.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { encodeSafetensors } from "@choreo/core";
import { createModel, createNoise, type TransformerCvaeConfig } from "@choreo/models";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "../test/syntheticDataset.js";
import { initBackend } from "./backend.js";
import { createBatchStream } from "./batchStream.js";
import { readCheckpoint } from "./checkpoint.js";
import { openDataset } from "./dataset.js";
import { sampleFromCheckpoint } from "./sample.js";
import { batchInputs, createTaskSpec } from "./task.js";
import { train } from "./trainer.js";

const python = "/usr/bin/python3";
const pythonDir = join(dirname(fileURLToPath(import.meta.url)), "../../../python");
const hasTorch = spawnSync(python, ["-c", "import numpy, torch"]).status === 0;
const env = { ...process.env, PYTHONPATH: `${pythonDir}:${join(pythonDir, "tests")}`, OMP_NUM_THREADS: "1" };

function py(args: string[]): string {
  const r = spawnSync(python, args, { env, encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`python ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

let dataset: string;
beforeAll(async () => {
  await initBackend("wasm");
  dataset = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-torch-ds-")));
});

/** The TF.js loss of `items` under a checkpoint's weights (eval mode), and the batch file PyTorch reads. */
async function tfjsLoss(checkpoint: string, seed: number): Promise<{ loss: number; batchFile: string }> {
  const ckpt = readCheckpoint(checkpoint);
  const config = ckpt.meta.model as TransformerCvaeConfig;
  const model = createModel(config);
  model.params.import(ckpt.weights);
  const items = createBatchStream(openDataset(dataset), {
    split: "val",
    batchSize: 4,
    seed: 0,
    shuffle: false,
  }).next();
  const inputs = batchInputs(ckpt.meta.task, items);
  const batch = {
    motion: tf.tensor(inputs.motion!.data, inputs.motion!.shape),
    cond: tf.tensor(inputs.cond!.data, inputs.cond!.shape),
  };
  const loss = model.loss(batch, createNoise(seed), false).loss;
  const value = (await loss.data())[0]!;
  // The loss's one draw in eval mode: ε for z = μ + ε·σ, [B, latent], first from the seed.
  const eps = createNoise(seed).normalArray(4 * config.latentDim);
  const batchFile = join(mkdtempSync(join(tmpdir(), "choreo-torch-batch-")), "batch.safetensors");
  writeFileSync(
    batchFile,
    encodeSafetensors({
      motion: { dtype: "F32", shape: inputs.motion!.shape, data: inputs.motion!.data },
      cond: { dtype: "F32", shape: inputs.cond!.shape, data: inputs.cond!.data },
      eps: { dtype: "F32", shape: [4, config.latentDim], data: eps },
    }),
  );
  tf.dispose([loss, batch.motion, batch.cond]);
  model.dispose();
  return { loss: value, batchFile };
}

describe.skipIf(!hasTorch)("choreo_datasets (PyTorch)", () => {
  it("passes its own unittest suite", () => {
    const r = spawnSync(
      python,
      ["-m", "unittest", "discover", "-s", join(pythonDir, "tests"), "-t", join(pythonDir, "tests")],
      { env, encoding: "utf8", timeout: 600_000 },
    );
    expect(r.status, r.stderr).toBe(0);
  }, 600_000);

  it("reads the normalized batch TF.js trains on", () => {
    const ds = openDataset(dataset);
    const items = createBatchStream(ds, { split: "val", batchSize: 4, seed: 0, shuffle: false }).next();
    const inputs = batchInputs(createTaskSpec("cvae", ds), items);
    const script = `import json,sys; from choreo_datasets import open_dataset; s=open_dataset(sys.argv[1]).split("val").torch("justlmd"); b=s.collate([s[i] for i in range(4)]); print(json.dumps({k: b[k].flatten().tolist() for k in ("motion", "cond")}))`;
    const got = JSON.parse(py(["-c", script, dataset])) as Record<"motion" | "cond", number[]>;
    for (const name of ["motion", "cond"] as const) {
      const want = inputs[name]!.data;
      expect(got[name]).toHaveLength(want.length);
      // atol 1e-5: numpy normalizes in float32, TF.js's batchInputs in float64 rounded to float32.
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[name][i]! - want[i]!)).toBeLessThan(1e-5);
    }
  });

  it("computes TF.js's CVAE loss on a TF.js checkpoint (≤ 1e-5 relative)", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-torch-run-"));
    const run = await train({
      model: { model: "cvae", dropout: 0.1 },
      train: { steps: 6, batchSize: 4, preset: "tiny", valEvery: 0, seed: 3 },
      dataset,
      outDir: out,
    });
    run.model.dispose();
    const { loss, batchFile } = await tfjsLoss(run.checkpointDir, 42);
    const torchLoss = (
      JSON.parse(
        py(["-m", "choreo_datasets.cvae", "loss", "--checkpoint", run.checkpointDir, "--batch", batchFile]),
      ) as { loss: number }
    ).loss;
    expect(Math.abs(torchLoss - loss) / Math.abs(loss)).toBeLessThanOrEqual(1e-5);
  }, 300_000);

  it("trains in PyTorch to a choreo checkpoint that TF.js reads, with the same loss", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-torch-train-"));
    py([
      "-m",
      "choreo_datasets.cvae",
      "train",
      "--dataset",
      dataset,
      "--out",
      out,
      "--device",
      "cpu",
      "--steps",
      "4",
      "--batch-size",
      "4",
      "--preset",
      "tiny",
    ]);
    const checkpoint = join(out, "checkpoint");
    expect(readCheckpoint(checkpoint).meta.backend).toBe("torch-cpu");
    const { loss, batchFile } = await tfjsLoss(checkpoint, 7);
    const torchLoss = (
      JSON.parse(
        py(["-m", "choreo_datasets.cvae", "loss", "--checkpoint", checkpoint, "--batch", batchFile]),
      ) as { loss: number }
    ).loss;
    expect(Math.abs(torchLoss - loss) / Math.abs(loss)).toBeLessThanOrEqual(1e-5);
    const music = createBatchStream(openDataset(dataset), {
      split: "val",
      batchSize: 1,
      seed: 0,
      shuffle: false,
    }).next()[0]!.music!;
    const sampled = await sampleFromCheckpoint({ checkpoint, music });
    expect(sampled.motion).toHaveLength(12 * 6);
    expect(sampled.motion.every(Number.isFinite)).toBe(true);
  }, 300_000);
});
