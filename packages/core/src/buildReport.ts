/**
 * What a build, `status` and `verify` say to people: the progress display (a line per stage, done/total,
 * items/s, ETA, redrawn in place on a TTY; plain log lines, at most one per stage per second, otherwise;
 * failures at once), the end summary with the failure table, its one-line JSON form, the status table and the
 * store verification lines. The progress display only listens to build events.
 */
import type { ActionStatus, BuildSummary } from "./build.js";
import type { BuildEvent } from "./events.js";
import type { VerificationCost } from "./internal/blobFile.js";
import type { StoreVerification } from "./verifyStore.js";

interface StageLine {
  total: number;
  done: number;
  cached: number;
  failed: number;
  firstStart: number;
  lastLog: number;
}

export interface ProgressDisplay {
  onEvent(event: BuildEvent): void;
  stop(): void;
}

export function createProgressDisplay(
  out: NodeJS.WriteStream | NodeJS.WritableStream,
  options: { tty: boolean; quiet: boolean },
): ProgressDisplay {
  const stages = new Map<string, StageLine>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const line = (id: string, s: StageLine): string => {
    const finished = s.done + s.cached + s.failed;
    const secs = (performance.now() - s.firstStart) / 1000;
    const rate = s.done > 0 && secs > 0 ? s.done / secs : 0;
    const left = s.total - finished;
    const eta = rate > 0 && left > 0 ? ` eta ${Math.ceil(left / rate)}s` : "";
    const failed = s.failed > 0 ? ` ${s.failed} failed` : "";
    return `${id.padEnd(22)} ${String(finished).padStart(6)}/${String(s.total).padEnd(6)} ${s.cached} cached${failed} ${rate.toFixed(1)} items/s${eta}`;
  };
  const redraw = (): void => {
    if (drawn > 0) out.write(`\x1b[${drawn}A`);
    const lines = [...stages].map(([id, s]) => `\x1b[2K${line(id, s)}`);
    out.write(`${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  if (options.tty && !options.quiet) timer = setInterval(redraw, 200);
  return {
    onEvent(e) {
      if (e.type === "corrupt") {
        // Said even with --quiet: the cache was damaged, and the action reruns from its inputs.
        const where = e.quarantined === undefined ? "" : `, moved to ${e.quarantined}`;
        out.write(
          `CORRUPT ${e.stage} ${e.item}: cached blob ${e.digest} is ${e.problem === "mismatch" ? "damaged (digest mismatch)" : e.problem}${where}; rerunning\n`,
        );
        drawn = 0;
        return;
      }
      if (options.quiet) return;
      let s = stages.get(e.stage);
      if (s === undefined) {
        s = { total: 0, done: 0, cached: 0, failed: 0, firstStart: performance.now(), lastLog: 0 };
        stages.set(e.stage, s);
      }
      switch (e.type) {
        case "scheduled":
          s.total++;
          break;
        case "cached":
          s.cached++;
          break;
        case "finished":
          s.done++;
          break;
        case "failed":
          s.failed++;
          if (!options.tty) out.write(`FAILED ${e.stage} ${e.item}: ${e.error}\n`);
          break;
        case "started":
        case "cancelled":
          break;
      }
      if (!options.tty && (e.type === "finished" || e.type === "cached")) {
        const now = performance.now();
        const complete = s.done + s.cached + s.failed === s.total;
        if (now - s.lastLog > 1000 || complete) {
          s.lastLog = now;
          out.write(`${line(e.stage, s)}\n`);
        }
      }
    },
    stop() {
      if (timer !== undefined) {
        clearInterval(timer);
        redraw();
      }
    },
  };
}

/** The end-of-build lines: counts, then one row per failed action (item, stage, cause). */
export function formatSummary(summary: BuildSummary, seconds: number): string {
  const lines = [
    `${summary.run} actions run, ${summary.cached} cached, ${summary.failed} failed${summary.cancelled > 0 ? `, ${summary.cancelled} cancelled` : ""} in ${seconds.toFixed(2)} s`,
  ];
  if (summary.failures.length > 0) {
    lines.push("", "failures:", `${"item".padEnd(24)} ${"stage".padEnd(22)} cause`);
    for (const f of summary.failures) {
      const cause =
        f.cause instanceof Error
          ? `${(f.cause as { _tag?: string })._tag ?? f.cause.name}: ${f.cause.message}`
          : String(f.cause);
      lines.push(`${f.item.padEnd(24)} ${f.stage.padEnd(22)} ${cause}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The one JSON line of `build-dataset --json`: what was built, where, and what failed (by tag). */
export function buildSummaryJson(
  summary: BuildSummary,
  facts: {
    recipe: string;
    out: string;
    datasetDigest: string | null;
    bytesWritten: number;
    seconds: number;
    /** Blob verification in this process's main thread (all of it with --no-threads). */
    verification?: VerificationCost;
  },
): string {
  const failures = summary.failures.map((f) => ({
    item: f.item,
    stage: f.stage,
    cause: f.causeTag ?? "Error",
    message: f.message,
  }));
  return `${JSON.stringify({
    recipe: facts.recipe,
    out: facts.out,
    datasetDigest: facts.datasetDigest,
    actions: { run: summary.run, cached: summary.cached, failed: summary.failed },
    bytesWritten: facts.bytesWritten,
    seconds: Math.round(facts.seconds * 1000) / 1000,
    stages: summary.byStage,
    failures,
    ...(facts.verification !== undefined ? { verification: facts.verification } : {}),
  })}\n`;
}

const countState = (rows: readonly ActionStatus[], state: string): string =>
  String(rows.filter((r) => r.state === state).length);

/** `status`'s table: counts per stage, then the rows that are not FRESH (all rows with `all`; 20 per stage without). */
export function formatStatusTable(statuses: readonly ActionStatus[], all: boolean): string {
  const byStage = new Map<string, ActionStatus[]>();
  for (const s of statuses) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
  const lines = [
    `${"stage".padEnd(22)} ${"FRESH".padStart(6)} ${"STALE".padStart(6)} ${"MISSING".padStart(8)}`,
  ];
  const details: string[] = [];
  for (const [stage, rows] of byStage) {
    lines.push(
      `${stage.padEnd(22)} ${countState(rows, "FRESH").padStart(6)} ${countState(rows, "STALE").padStart(6)} ${countState(rows, "MISSING").padStart(8)}`,
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

/** `verify`'s lines for the cache: counts, each bad blob (and where it went), and what to do next. */
export function formatStoreVerification(root: string, v: StoreVerification): string {
  const lines = [
    `cache ${root}: ${v.blobs} blobs, ${v.actions} action entries checked; ${v.badBlobs.length} bad blobs, ${v.brokenActions.length} broken entries`,
    ...v.badBlobs.map(
      (b) => `  BAD ${b.digest} (${b.problem})${b.quarantined === undefined ? "" : ` → ${b.quarantined}`}`,
    ),
  ];
  if (v.repaired && v.brokenActions.length > 0)
    lines.push(`dropped ${v.droppedActions} entries: the next build reruns those actions`);
  else if (!v.repaired && v.brokenActions.length + v.badBlobs.length > 0)
    lines.push("run choreo verify --repair (or just rebuild: bad cached blobs are rerun)");
  if (v.quarantined > 0) lines.push(`${v.quarantined} file(s) in ${root}/quarantine (safe to delete)`);
  return `${lines.join("\n")}\n`;
}
