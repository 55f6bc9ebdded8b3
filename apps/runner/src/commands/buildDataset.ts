/**
 * `choreo build-dataset`: runs a recipe through the cached build (and the dataset report), writes the ref,
 * materialises the dataset folder, prints progress and a summary (or one JSON line with --json). Exit 0 on success, 1 when actions
 * failed, 130 when interrupted.
 */
import { chmodSync, copyFileSync, mkdirSync, renameSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createBuild, createWorkerPool, markBuilding, writeRef, type Build } from "@choreo/core";
import { defineCommand } from "../command.js";
import { createProgressDisplay, formatSummary } from "../progress.js";
import { runDataset } from "@choreo/recipes";
import type { RecipeResult } from "@choreo/recipes";
import { openSession, sessionOptions } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["build-dataset"],
  usage: "choreo build-dataset [--recipe demo|justlmd|aistpp|indv] [--config FILE] [--out DIR] [--cache DIR] [--jobs N] [--keep-going] [--json] [--no-threads]",
  describe: "build a dataset through the cached DAG",
  options: {
    ...sessionOptions,
    out: { type: "string" },
    "keep-going": { type: "boolean" },
    json: { type: "boolean" },
    "no-threads": { type: "boolean" },
    quiet: { type: "boolean" },
  },
  async run(ctx) {
    const started = performance.now();
    const session = openSession(ctx);
    const { store, jobs } = session;
    const json = ctx.values.json === true;
    const tty = (ctx.stderr as NodeJS.WriteStream).isTTY === true;
    const progress = createProgressDisplay(ctx.stderr, { tty, quiet: ctx.values.quiet === true });
    const unmark = markBuilding(store);
    const workers = ctx.values["no-threads"] === true ? undefined : createWorkerPool(jobs);
    const build: Build = createBuild({
      store,
      pools: { cpu: jobs },
      keepGoing: ctx.values["keep-going"] === true,
      signal: ctx.signal,
      onEvent: (e) => progress.onEvent(e),
      ...(workers === undefined ? {} : { workers }),
    });
    let result: RecipeResult | undefined;
    let error: unknown;
    try {
      result = await runDataset(session.recipe, build, session.config, { choreo: choreoVersion });
    } catch (e) {
      error = e;
    } finally {
      await build.drain();
      await workers?.terminate();
      progress.stop();
    }
    const summary = build.summary();
    const failed = error !== undefined || summary.failed > 0 || build.signal.aborted;
    // A failed build merges into the last ref, so gc keeps what both reached and status can still explain.
    writeRef(store.root, {
      dataset: session.dataset,
      tag: "latest",
      recipe: session.recipe,
      ...(result !== undefined ? { datasetDigest: result.manifest.digest } : {}),
      actions: failed ? { ...session.previous, ...summary.actions } : summary.actions,
    });
    store.flush();
    unmark();
    const out = resolve(process.cwd(), (ctx.values.out as string | undefined) ?? session.config.out ?? join("datasets", session.dataset));
    // With --keep-going the dataset of the items that built is still written; the exit code says it is partial.
    const written = !ctx.signal.aborted && (!failed || ctx.values["keep-going"] === true) ? result : undefined;
    if (written !== undefined) materialize(store.blobPath.bind(store), written, out);
    const seconds = (performance.now() - started) / 1000;
    ctx.stderr.write(formatSummary(summary, seconds));
    if (error !== undefined && summary.failures.length === 0 && !build.signal.aborted) {
      ctx.stderr.write(`${(error as Error).message}\n`);
    } else if (written !== undefined) {
      ctx.stderr.write(`dataset ${session.dataset} → ${out} (${written.manifest.digest})${failed ? " (partial: items failed)" : ""}\n`);
    }
    if (json) {
      ctx.stdout.write(
        `${JSON.stringify({
          recipe: session.recipe,
          out,
          datasetDigest: written?.manifest.digest ?? null,
          actions: { run: summary.run, cached: summary.cached, failed: summary.failed },
          bytesWritten: store.bytesWritten,
          seconds: Math.round(seconds * 1000) / 1000,
          stages: summary.byStage,
          failures: summary.failures.map((f) => ({ item: f.item, stage: f.stage, cause: f.causeTag ?? "Error", message: f.message })),
        })}\n`,
      );
    }
    if (ctx.signal.aborted) return 130;
    return failed ? 1 : 0;
  },
});

/** Copies the dataset's files out of the store (atomic per file). */
function materialize(blobPath: (d: `sha256:${string}`) => string, result: RecipeResult, out: string): void {
  for (const { name, artifact } of result.files) {
    const target = join(out, name);
    mkdirSync(dirname(target), { recursive: true });
    // A private temporary name: two builds may write the same dataset folder at once.
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    copyFileSync(blobPath(artifact.digest), tmp);
    chmodSync(tmp, 0o644);
    renameSync(tmp, target);
  }
}
