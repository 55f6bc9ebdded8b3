/**
 * The demo run as `pnpm turbo run train` does it (`choreo train --model cvae --preset tiny --steps 300` on the
 * demo dataset, built here with the worktree's CLI), with the preset defaults alone: the model must beat the
 * mean-pose baseline on the validation windows, and its samples must not shake (frame-to-frame jitter at most
 * 2× the data's). Skipped when apps/runner is not built.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { initBackend } from "./backend.js";
import { createBatchStream } from "./batchStream.js";
import { openDataset } from "./dataset.js";
import { compareMotionEnergy, datasetMotionEnergy, motionEnergy } from "./motionEnergy.js";
import { sampleFromCheckpoint } from "./sample.js";
import { train } from "./trainer.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const cli = join(root, "apps/runner/dist/cli.js");

describe.skipIf(!existsSync(cli))("the demo run (tiny preset, 300 steps)", () => {
  it("beats the mean-pose baseline and its samples do not shake", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "choreo-demo-"));
    const dataset = join(tmp, "demo");
    const built = spawnSync(
      process.execPath,
      [cli, "build-dataset", "--out", dataset, "--cache", join(tmp, "cache")],
      { cwd: root, encoding: "utf8", timeout: 600_000 },
    );
    expect(built.status, built.stderr).toBe(0);
    await initBackend("wasm");
    const run = await train({
      model: { model: "cvae" },
      train: { preset: "tiny", steps: 300 },
      dataset,
      outDir: join(tmp, "run"),
    });
    run.model.dispose();
    const last = run.valLosses.at(-1)!;
    expect(last.step).toBe(300);
    expect(last.loss).toBeLessThan(last.baseline!);

    const ds = openDataset(dataset);
    const data = datasetMotionEnergy(ds);
    const items = createBatchStream(ds, {
      split: "val",
      batchSize: ds.items.val!,
      seed: 0,
      shuffle: false,
    }).next();
    let sampleJitter = 0;
    for (const [i, item] of items.entries()) {
      const s = await sampleFromCheckpoint({
        checkpoint: run.checkpointDir,
        music: item.music!,
        lyrics: item.lyrics!,
        seed: i,
      });
      sampleJitter +=
        compareMotionEnergy(motionEnergy(s.motion, s.motionDims), data).jitterRatio / items.length;
    }
    // Within 2× of the data's from above (the issue measured 22×); the tiny model's samples move less than the
    // data (≈0.1× here: it renders each window's offsets and drift from z, not the beat-locked bounce).
    expect(sampleJitter).toBeLessThan(2);
    expect(sampleJitter).toBeGreaterThan(0.01);
  }, 1_800_000);
});
