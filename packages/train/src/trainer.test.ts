import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "../test/syntheticDataset.js";
import { initBackend } from "./backend.js";
import { train } from "./trainer.js";

const tiny = {
  steps: 40,
  batchSize: 4,
  lr: 3e-3,
  preset: "tiny",
  logEvery: 10,
  valEvery: 20,
  checkpointEvery: 0,
  emaDecay: 0.99,
  seed: 1,
} as const;
let dataset: string;

beforeAll(async () => {
  await initBackend("wasm");
  dataset = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-train-")));
});

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("train", () => {
  it.each(["cvae", "cvae-mlp", "edge", "rhythm"] as const)(
    "lowers the %s loss on a small dataset (wasm)",
    async (kind) => {
      const out = mkdtempSync(join(tmpdir(), `choreo-run-${kind}-`));
      const steps = kind === "cvae" || kind === "rhythm" ? 100 : 40;
      const r = await train({
        model: { model: kind },
        train: { ...tiny, steps, valEvery: steps / 2 },
        dataset,
        outDir: out,
      });
      r.model.dispose();
      expect(mean(r.losses.slice(-5))).toBeLessThan(0.8 * mean(r.losses.slice(0, 5)));
      const lines = readFileSync(join(out, "metrics.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, number>);
      expect(lines.filter((l) => l.valLoss !== undefined).length).toBe(2);
    },
  );

  it("overfits 4 samples (cvae, wasm)", async () => {
    const small = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-4-")), { train: 4, val: 4 });
    const r = await train({
      model: { model: "cvae", klWeight: 0, dropout: 0, condDropProb: 0 },
      train: { ...tiny, steps: 150, schedule: "constant", clipNorm: 0 },
      dataset: small,
      outDir: mkdtempSync(join(tmpdir(), "choreo-of-")),
    });
    r.model.dispose();
    // z-scored motion starts near 1; memorising 4 windows drives the reconstruction error far below it.
    expect(r.losses.at(-1)!).toBeLessThan(0.1);
  });

  it("resumes exactly: N steps, stop, resume N steps equals 2N straight (wasm)", async () => {
    const cfg = { ...tiny, steps: 12, checkpointEvery: 0, valEvery: 0 };
    const straightDir = mkdtempSync(join(tmpdir(), "choreo-straight-"));
    const straight = await train({
      model: { model: "cvae", dropout: 0.1 },
      train: cfg,
      dataset,
      outDir: straightDir,
    });
    const a = await straight.model.params.export();
    straight.model.dispose();
    const splitDir = mkdtempSync(join(tmpdir(), "choreo-split-"));
    (
      await train({
        model: { model: "cvae", dropout: 0.1 },
        train: cfg,
        dataset,
        outDir: splitDir,
        stopAfter: 6,
      })
    ).model.dispose();
    const resumed = await train({
      model: { model: "cvae", dropout: 0.1 },
      train: cfg,
      dataset,
      outDir: splitDir,
      resume: true,
    });
    const b = await resumed.model.params.export();
    resumed.model.dispose();
    expect(resumed.step).toBe(12);
    for (const [name, w] of a)
      expect(Buffer.from(b.get(name)!.data.buffer).equals(Buffer.from(w.data.buffer)), name).toBe(true);
  });

  it("gives one thread's weights with data-parallel workers over the same micro-batches (wasm)", async () => {
    const cfg = { ...tiny, steps: 4, batchSize: 4, microBatchSize: 2, valEvery: 2 };
    const one = await train({
      model: { model: "cvae", dropout: 0.1 },
      train: cfg,
      dataset,
      outDir: mkdtempSync(join(tmpdir(), "choreo-dp1-")),
    });
    const two = await train({
      model: { model: "cvae", dropout: 0.1 },
      train: { ...cfg, workers: 2 },
      dataset,
      outDir: mkdtempSync(join(tmpdir(), "choreo-dp2-")),
    });
    const [a, b] = [await one.model.params.export(), await two.model.params.export()];
    one.model.dispose();
    two.model.dispose();
    // Up to float rounding: the gradient sums are added in another order (here the same order, so equal).
    for (const [name, w] of a) {
      const v = b.get(name)!.data;
      let diff = 0;
      for (let i = 0; i < w.data.length; i++) diff = Math.max(diff, Math.abs(w.data[i]! - v[i]!));
      expect(diff, name).toBeLessThan(1e-6);
    }
    expect(two.losses.map((l) => l.toPrecision(6))).toEqual(one.losses.map((l) => l.toPrecision(6)));
    expect(two.valLosses.map((v) => v.loss.toPrecision(6))).toEqual(
      one.valLosses.map((v) => v.loss.toPrecision(6)),
    );
  });

  it("resumes to a larger number of steps", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-more-"));
    (
      await train({ model: { model: "cvae-mlp" }, train: { ...tiny, steps: 3 }, dataset, outDir: out })
    ).model.dispose();
    const more = await train({
      model: { model: "cvae-mlp" },
      train: { ...tiny, steps: 6, logEvery: 1 },
      dataset,
      outDir: out,
      resume: true,
    });
    more.model.dispose();
    expect(more.step).toBe(6);
    expect(more.losses).toHaveLength(3);
  });

  it("refuses a checkpoint whose optimizer config differs", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-lr-"));
    (
      await train({ model: { model: "cvae-mlp" }, train: { ...tiny, steps: 2 }, dataset, outDir: out })
    ).model.dispose();
    await expect(
      train({
        model: { model: "cvae-mlp" },
        train: { ...tiny, steps: 4, lr: 1e-3 },
        dataset,
        outDir: out,
        resume: true,
      }),
    ).rejects.toMatchObject({ _tag: "CheckpointInvalid" });
  });

  it("stops when aborted, with a checkpoint at the last step run", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-abort-"));
    const abort = new AbortController();
    const r = await train({
      model: { model: "cvae-mlp" },
      train: { ...tiny, steps: 20, logEvery: 1 },
      dataset,
      outDir: out,
      signal: abort.signal,
      log: (l) => l.startsWith("step 3 ") && abort.abort(),
    });
    r.model.dispose();
    expect(r.interrupted).toBe("abort");
    expect(r.step).toBe(3);
    expect(
      (JSON.parse(readFileSync(join(out, "checkpoint", "checkpoint.json"), "utf8")) as { step: number }).step,
    ).toBe(3);
  });

  it("logs the mean-pose baseline beside each validation loss", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-base-"));
    const r = await train({
      model: { model: "cvae-mlp" },
      train: { ...tiny, steps: 4, valEvery: 2 },
      dataset,
      outDir: out,
    });
    r.model.dispose();
    const vals = readFileSync(join(out, "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, number>)
      .filter((l) => l.valLoss !== undefined);
    expect(vals).toHaveLength(2);
    // z-scored motion predicted by its train mean (0): the val windows' mean square, near 1 for this data.
    for (const v of vals) expect(v.baselineValLoss).toBeGreaterThan(0.5);
    expect(r.valLosses[0]!.baseline).toBe(vals[0]!.baselineValLoss);
  });

  it("refuses --resume without a checkpoint instead of starting afresh", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-none-"));
    await expect(
      train({ model: { model: "cvae-mlp" }, train: tiny, dataset, outDir: out, resume: true }),
    ).rejects.toMatchObject({ _tag: "NothingToResume", usage: true });
  });

  it("refuses a checkpoint from another dataset", async () => {
    const out = mkdtempSync(join(tmpdir(), "choreo-other-"));
    (
      await train({ model: { model: "cvae-mlp" }, train: { ...tiny, steps: 2 }, dataset, outDir: out })
    ).model.dispose();
    const other = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-ds2-")), { seed: 9 });
    await expect(
      train({
        model: { model: "cvae-mlp" },
        train: { ...tiny, steps: 4 },
        dataset: other,
        outDir: out,
        resume: true,
      }),
    ).rejects.toMatchObject({ _tag: "CheckpointInvalid" });
  });
});
