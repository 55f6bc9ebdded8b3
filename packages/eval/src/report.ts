/**
 * Evaluation reports: the `--json` object (`{"<metric>": number, ..., "per_sequence": {...}}`, NaN as null),
 * a plain-text table of the set metrics, and a self-contained HTML page with the set table and the per-sequence
 * table. No plots, no scripts.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MotionEvaluation } from "./evaluateMotion.js";
import type { EvalWarning } from "./warnings.js";

/** The JSON object of an evaluation: set metrics at the top level, per-sequence values under `per_sequence`. */
export function evaluationJson(result: MotionEvaluation): Record<string, unknown> {
  const clean = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result.metrics)) out[k] = clean(v);
  const per: Record<string, Record<string, number | null>> = {};
  for (const [name, values] of Object.entries(result.perSequence)) {
    per[name] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clean(v)]));
  }
  out["per_sequence"] = per;
  return out;
}

/** One line per set metric: the name padded to 14 columns, the value to 7 significant digits (or NaN). */
export function evaluationText(result: MotionEvaluation): string {
  const rows = Object.entries(result.metrics).map(
    ([k, v]) => `${k.padEnd(14)}${Number.isNaN(v) ? "NaN" : v.toPrecision(7)}`,
  );
  return `${rows.join("\n")}\n`;
}

const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const cell = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? "—" : v.toPrecision(7));

/** An HTML page with the metric table, the per-sequence table and the warnings. */
export function evaluationHtml(result: MotionEvaluation, warnings: readonly EvalWarning[] = []): string {
  const metricRows = Object.entries(result.metrics).map(
    ([k, v]) => `<tr><th>${escape(k)}</th><td>${cell(v)}</td></tr>`,
  );
  const columns = [...new Set(Object.values(result.perSequence).flatMap((r) => Object.keys(r)))];
  const seqRows = Object.entries(result.perSequence).map(
    ([name, r]) =>
      `<tr><th>${escape(name)}</th>${columns.map((c) => `<td>${cell(r[c as keyof typeof r])}</td>`).join("")}</tr>`,
  );
  const warn = warnings.map(
    (w) => `<li><code>${escape(w.metric)}</code> ${escape(w.code)}: ${escape(w.message)}</li>`,
  );
  return [
    '<!doctype html><html><head><meta charset="utf-8"><title>choreo eval</title>',
    "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}</style>",
    "</head><body><h1>Motion evaluation</h1>",
    `<table><tr><th>metric</th><th>value</th></tr>${metricRows.join("")}</table>`,
    "<h2>Per sequence</h2>",
    `<table><tr><th>sequence</th>${columns.map((c) => `<th>${escape(c)}</th>`).join("")}</tr>${seqRows.join("")}</table>`,
    warnings.length > 0 ? `<h2>Warnings</h2><ul>${warn.join("")}</ul>` : "",
    "</body></html>\n",
  ].join("\n");
}

/** Writes `report.json` and `report.html` into `dir` (created if needed). */
export async function writeEvaluationReport(
  dir: string,
  result: MotionEvaluation,
  warnings: readonly EvalWarning[] = [],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const json = { ...evaluationJson(result), warnings };
  await writeFile(join(dir, "report.json"), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(dir, "report.html"), evaluationHtml(result, warnings));
}
