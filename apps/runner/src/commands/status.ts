/**
 * `choreo status`: per stage and item, FRESH / STALE (why: params, version, input, tools) / MISSING, from
 * `buildStatus` of @choreo/core walking the recipe against the cache without running anything.
 */
import { buildStatus, defineCommand, formatStatusTable } from "@choreo/core";
import { openSession, runDataset } from "@choreo/recipes";
import { sessionFlags, sessionOptions } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["status"],
  usage: "choreo status [--recipe R] [--config FILE] [--cache DIR] [--json] [--all]",
  describe: "say what a build would run, and why, without running it",
  options: { ...sessionOptions, json: { type: "boolean" }, all: { type: "boolean" } },
  async run(ctx) {
    const session = openSession(sessionFlags(ctx), process.cwd(), process.env);
    const statuses = await buildStatus({
      store: session.store,
      ...(session.previous !== undefined ? { previous: session.previous } : {}),
      walk: (build) => runDataset(session.recipe, build, session.config, { choreo: choreoVersion }),
    });
    if (ctx.values.json === true)
      ctx.stdout.write(`${JSON.stringify({ dataset: session.dataset, statuses })}\n`);
    else ctx.stdout.write(formatStatusTable(statuses, ctx.values.all === true));
    return 0;
  },
});
