/**
 * The build's progress display: a line per stage (done/total, items/s, ETA) redrawn in place on a TTY, plain
 * log lines (at most one per stage per second) otherwise, failures at once, and the end summary with the
 * failure table. It only listens to build events.
 */
import type { BuildEvent, BuildSummary } from "@choreo/core";

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
