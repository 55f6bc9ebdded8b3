/**
 * `choreo status`: per stage and item, FRESH / STALE (why: params, version, input, tools) / MISSING,
 * computed by walking the recipe against the cache without running anything.
 */
import { createBuild, type ActionStatus } from "@choreo/core";
import { defineCommand } from "../command.js";
import { runDataset } from "@choreo/recipes";
import { openSession, sessionOptions } from "../session.js";
import { choreoVersion } from "../version.js";

export default defineCommand({
  words: ["status"],
  usage: "choreo status [--recipe R] [--config FILE] [--cache DIR] [--json] [--all]",
  describe: "say what a build would run, and why, without running it",
  options: { ...sessionOptions, json: { type: "boolean" }, all: { type: "boolean" } },
  async run(ctx) {
    const session = openSession(ctx);
    const build = createBuild({ store: session.store, dryRun: true, ...(session.previous ? { previous: session.previous } : {}) });
    await runDataset(session.recipe, build, session.config, { choreo: choreoVersion }).catch(() => undefined);
    const statuses = [...build.summary().statuses];
    const visited = new Set(statuses.map((s) => `${s.stage}\t${s.item}`));
    const cut = statuses.some((s) => s.state !== "FRESH");
    // Actions of the last build that the walk could not reach sit downstream of something that will rerun.
    if (cut) {
      for (const id of Object.keys(session.previous ?? {})) {
        if (visited.has(id)) continue;
        const [stage, item] = id.split("\t") as [string, string];
        statuses.push({ stage, item, state: "STALE", reason: "input" });
      }
    }
    if (ctx.values.json === true) {
      ctx.stdout.write(`${JSON.stringify({ dataset: session.dataset, statuses })}\n`);
      return 0;
    }
    ctx.stdout.write(render(statuses, ctx.values.all === true));
    return 0;
  },
});

function render(statuses: readonly ActionStatus[], all: boolean): string {
  const byStage = new Map<string, ActionStatus[]>();
  for (const s of statuses) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
  const lines = [`${"stage".padEnd(22)} ${"FRESH".padStart(6)} ${"STALE".padStart(6)} ${"MISSING".padStart(8)}`];
  const details: string[] = [];
  for (const [stage, rows] of byStage) {
    const n = (state: string) => rows.filter((r) => r.state === state).length;
    lines.push(`${stage.padEnd(22)} ${String(n("FRESH")).padStart(6)} ${String(n("STALE")).padStart(6)} ${String(n("MISSING")).padStart(8)}`);
    const shown = rows.filter((r) => all || r.state !== "FRESH");
    for (const r of shown.slice(0, all ? shown.length : 20)) {
      details.push(`  ${r.state.padEnd(7)} ${stage} ${r.item}${r.reason !== undefined ? ` (${r.reason})` : ""}`);
    }
    if (!all && shown.length > 20) details.push(`  … ${shown.length - 20} more in ${stage} (--all)`);
  }
  if (statuses.length === 0) lines.push("(nothing built yet)");
  return `${[...lines, ...(details.length > 0 ? ["", ...details] : [])].join("\n")}\n`;
}
