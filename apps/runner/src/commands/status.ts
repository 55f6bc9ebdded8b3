/**
 * `choreo status`: per stage and item, FRESH / STALE (why: params, version, input, tools) / MISSING, from
 * `buildStatus` of @choreo/core walking the recipe against the cache without running anything.
 */
import { buildStatus, formatStatusTable } from "@choreo/core";
import { openSession, runDataset } from "@choreo/recipes";
import { openCluster } from "@choreo/cluster";
import { defineCommand } from "../command.js";
import { clusterFlags, clusterOptions, sessionFlags, sessionOptions } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["status"],
  usage: "choreo status [--recipe R] [--config FILE] [--cache DIR] [--store URL] [--json] [--all]",
  describe: "say what a build would run, and why, without running it",
  options: {
    ...sessionOptions,
    store: clusterOptions.store,
    json: { type: "boolean" },
    all: { type: "boolean" },
  },
  async run(ctx) {
    const session = openSession(sessionFlags(ctx), process.cwd(), process.env);
    const cwd = process.cwd();
    const cluster = await openCluster(clusterFlags(ctx), {
      cache: session.store,
      env: process.env,
      cwd,
      choreoVersion,
    });
    const remoteRef = await cluster.remote?.readRef(session.dataset, "latest");
    const previous = remoteRef?.actions ?? session.previous;
    const statuses = await buildStatus({
      store: session.store,
      ...(cluster.remote !== undefined ? { remote: cluster.remote } : {}),
      ...(previous !== undefined ? { previous } : {}),
      walk: (build) => runDataset(session.recipe, build, session.config, { choreo: choreoVersion }),
    }).finally(() => cluster.close());
    if (ctx.values.json === true)
      ctx.stdout.write(`${JSON.stringify({ dataset: session.dataset, statuses })}\n`);
    else ctx.stdout.write(formatStatusTable(statuses, ctx.values.all === true));
    return 0;
  },
});
