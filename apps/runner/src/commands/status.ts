/**
 * `choreo status`: per stage and item, FRESH / STALE (why: params, version, input, tools) / MISSING, from
 * `buildStatus` of @choreo/core walking the recipe against the cache without running anything.
 */
import { buildStatus, type ActionStatus } from "@choreo/core";
import { runDataset } from "@choreo/recipes";
import { defineCommand } from "../command.js";
import { openSession, sessionOptions } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["status"],
  usage: "choreo status [--recipe R] [--config FILE] [--cache DIR] [--json] [--all]",
  describe: "say what a build would run, and why, without running it",
  options: { ...sessionOptions, json: { type: "boolean" }, all: { type: "boolean" } },
  async run(ctx) {
    const session = openSession(ctx);
    const statuses = await buildStatus({
      store: session.store,
      ...(session.previous !== undefined ? { previous: session.previous } : {}),
      walk: (build) => runDataset(session.recipe, build, session.config, { choreo: choreoVersion }),
    });
    if (ctx.values.json === true)
      ctx.stdout.write(`${JSON.stringify({ dataset: session.dataset, statuses })}\n`);
    else ctx.stdout.write(render(statuses, ctx.values.all === true));
    return 0;
  },
});

const count = (rows: readonly ActionStatus[], state: string): string =>
  String(rows.filter((r) => r.state === state).length);

/** The table: counts per stage, then the rows that are not FRESH (all rows with --all; 20 per stage without). */
function render(statuses: readonly ActionStatus[], all: boolean): string {
  const byStage = new Map<string, ActionStatus[]>();
  for (const s of statuses) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
  const lines = [
    `${"stage".padEnd(22)} ${"FRESH".padStart(6)} ${"STALE".padStart(6)} ${"MISSING".padStart(8)}`,
  ];
  const details: string[] = [];
  for (const [stage, rows] of byStage) {
    lines.push(
      `${stage.padEnd(22)} ${count(rows, "FRESH").padStart(6)} ${count(rows, "STALE").padStart(6)} ${count(rows, "MISSING").padStart(8)}`,
    );
    const shown = rows.filter((r) => all || r.state !== "FRESH");
    for (const r of all ? shown : shown.slice(0, 20)) {
      details.push(
        `  ${r.state.padEnd(7)} ${stage} ${r.item}${r.reason !== undefined ? ` (${r.reason})` : ""}`,
      );
    }
    if (!all && shown.length > 20) details.push(`  … ${shown.length - 20} more in ${stage} (--all)`);
  }
  if (statuses.length === 0) lines.push("(nothing built yet)");
  return `${[...lines, ...(details.length > 0 ? ["", ...details] : [])].join("\n")}\n`;
}
