/**
 * `choreo build-dataset`: runs the recipe (and the dataset report) through `runBuild` of @choreo/core, which
 * commits the build and writes the ref; materialises the dataset folder; prints progress and a summary (or one
 * JSON line with --json). Exit 0 on success, 1 when actions failed, 130 when interrupted.
 */
import { join, resolve } from "node:path";
import {
  buildSummaryJson,
  createProgressDisplay,
  defineCommand,
  describeCause,
  faultKillHook,
  formatSummary,
  materialize,
  runBuild,
  verificationCost,
} from "@choreo/core";
import { openSession, runDataset, type RecipeResult } from "@choreo/recipes";
import { sessionFlags, sessionOptions } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["build-dataset"],
  usage:
    "choreo build-dataset [--recipe demo|justlmd|aistpp|indv] [--config FILE] [--out DIR] [--cache DIR] [--jobs N] [--keep-going] [--json] [--no-threads]",
  describe: "build a dataset through the cached DAG",
  stopsCleanly: true,
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
    const session = openSession(sessionFlags(ctx), process.cwd(), process.env);
    const { store } = session;
    const tty = (ctx.stderr as NodeJS.WriteStream).isTTY === true;
    const progress = createProgressDisplay(ctx.stderr, { tty, quiet: ctx.values.quiet === true });
    const ref = {
      dataset: session.dataset,
      recipe: session.recipe,
      digestOf: (r: RecipeResult) => r.manifest.digest,
    };
    const outcome = await runBuild(
      {
        store,
        jobs: session.jobs,
        threads: ctx.values["no-threads"] !== true,
        keepGoing: ctx.values["keep-going"] === true,
        signal: ctx.signal,
        onEvent: (e) => progress.onEvent(e),
        ref: session.previous === undefined ? ref : { ...ref, previous: session.previous },
      },
      (build) => runDataset(session.recipe, build, session.config, { choreo: choreoVersion }),
    ).finally(() => progress.stop());
    const { summary, usable, error } = outcome;
    const outFlag = ctx.values.out as string | undefined;
    const out = resolve(process.cwd(), outFlag ?? session.config.out ?? join("datasets", session.dataset));
    if (usable !== undefined) materialize(store, usable.files, out, faultKillHook(process.env));
    const seconds = (performance.now() - started) / 1000;
    ctx.stderr.write(formatSummary(summary, seconds));
    if (error !== undefined && summary.failures.length === 0 && !outcome.cancelled) {
      ctx.stderr.write(`${describeCause(error)}\n`);
    } else if (usable !== undefined) {
      const partial = outcome.failed ? " (partial: items failed)" : "";
      ctx.stderr.write(`dataset ${session.dataset} → ${out} (${usable.manifest.digest})${partial}\n`);
    }
    if (ctx.values.json === true) {
      const digest = usable?.manifest.digest ?? null;
      const facts = {
        recipe: session.recipe,
        out,
        datasetDigest: digest,
        seconds,
        verification: verificationCost(),
      };
      ctx.stdout.write(buildSummaryJson(summary, { ...facts, bytesWritten: store.bytesWritten }));
    }
    if (ctx.signal.aborted) return 130;
    return outcome.failed ? 1 : 0;
  },
});
