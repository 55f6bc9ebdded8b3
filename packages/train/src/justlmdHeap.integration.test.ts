import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "../test/syntheticDataset.js";
import { initBackend } from "./backend.js";
import { train } from "./trainer.js";

describe("train (JustLMD size on wasm)", () => {
  it("trains a batch of 32 in micro-batches of 4 within the wasm heap", async () => {
    await initBackend("wasm");
    // The reference JustLMD CVAE (latent 512, 4 layers) on 180-frame windows, 78 motion and 256 condition columns.
    const dataset = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-justlmd-")), {
      frames: 180,
      train: 32,
      val: 4,
      widths: { motion: 78, music: 224, lyrics: 32 },
    });
    const r = await train({
      model: { model: "cvae" },
      train: { preset: "full", steps: 1, batchSize: 32, microBatchSize: 4, valEvery: 0, checkpointEvery: 0 },
      dataset,
      outDir: mkdtempSync(join(tmpdir(), "choreo-justlmd-run-")),
    });
    r.model.dispose();
    expect(r.step).toBe(1);
    expect(Number.isFinite(r.losses[0])).toBe(true);
  }, 1_800_000);
});
