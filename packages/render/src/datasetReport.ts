/**
 * `report.html` of a built dataset: counts and durations per split, the tempo histogram of the sources, pose
 * confidence, dropped-clip reasons, per sample item a beat-alignment plot and skeleton thumbnails. One
 * self-contained file (inline CSS, inline SVG, PNG data URIs, no script) whose bytes depend only on the
 * manifest and shards: no dates, hosts or paths, so it can be part of a reproducible build.
 */
import { writeFile } from "node:fs/promises";
import { collectReportData, type ReportData, type SampleItem, type ShardLocation } from "./reportData.js";
import { barChart, escapeHtml, histogram, linePlot } from "./svgCharts.js";
import { thumbnailDataUris } from "./thumbnails.js";

/**
 * Options of `writeDatasetReport`: where the shards are (`shardsDir`, the folder holding the manifest's
 * `<split>-00000.safetensors`, or `shardPaths`, a path per split), and how much to show.
 */
export type DatasetReportOptions = ShardLocation & {
  /** Items to plot (default 4: the first of each split, then spread over the largest split). */
  readonly sampleItems?: number;
  /** Thumbnails per sample item (default 3). */
  readonly thumbnails?: number;
};

const css = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2330;background:#fafbfc}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde1e8;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dde1e8;padding:4px 10px;text-align:right}th{background:#eef1f5}
td:first-child,th:first-child{text-align:left}.muted{color:#687183}.chart{display:block;margin:6px 0;font-size:11px;fill:#333}
.item{display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap;margin:12px 0;padding:10px;background:#fff;border:1px solid #e3e6ec;border-radius:6px}
.thumbs img{width:120px;height:120px;border-radius:4px;margin-right:4px;background:#16181d}.cards{display:flex;gap:24px;flex-wrap:wrap}`;

function splitsSection(data: ReportData): string {
  const rows = data.splits.map(
    (s) =>
      `<tr><td>${escapeHtml(s.name)}</td><td>${s.items}</td><td>${s.frames}</td><td>${s.durationSec.toFixed(1)}</td><td>${(s.durationSec / 60).toFixed(2)}</td></tr>`,
  );
  const total = data.splits.reduce(
    (a, s) => ({ items: a.items + s.items, frames: a.frames + s.frames, sec: a.sec + s.durationSec }),
    { items: 0, frames: 0, sec: 0 },
  );
  rows.push(
    `<tr><th>total</th><th>${total.items}</th><th>${total.frames}</th><th>${total.sec.toFixed(1)}</th><th>${(total.sec / 60).toFixed(2)}</th></tr>`,
  );
  return `<h2>Splits</h2><table><tr><th>split</th><th>items</th><th>frames</th><th>seconds</th><th>minutes</th></tr>${rows.join("")}</table>
<div class="cards">${barChart(
    data.splits.map((s) => ({ label: s.name, value: s.items })),
    { width: 420 },
  )}${barChart(
    data.splits.map((s) => ({ label: s.name, value: s.durationSec })),
    { width: 420, unit: " s", color: "#7bc67b" },
  )}</div>`;
}

function tempoSection(data: ReportData): string {
  if (data.temposBpm.length === 0)
    return `<h2>Tempo</h2><p class="muted">The recipe's sources carry no tempo.</p>`;
  const sorted = [...data.temposBpm].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `<h2>Tempo</h2><p>${sorted.length} sources, ${sorted[0]!.toFixed(1)}–${sorted.at(-1)!.toFixed(1)} BPM, median ${median.toFixed(1)}.</p>${histogram(sorted, { binWidth: 5, label: "tempo (BPM)" })}`;
}

function qualitySection(data: ReportData): string {
  const confidence =
    data.confidence === undefined
      ? `<p class="muted">No keypoint scores in this dataset (SMPL motion carries no per-joint confidence).</p>`
      : `<p>Mean keypoint score per item over ${data.confidence.length} items: mean ${(data.confidence.reduce((a, b) => a + b, 0) / data.confidence.length).toFixed(3)}.</p>${histogram(data.confidence, { binWidth: 0.05, label: "mean keypoint score", color: "#4ea1ff" })}`;
  const dropped = data.dropped.filter((d) => d.count > 0);
  const droppedHtml =
    dropped.length === 0
      ? `<p class="muted">No clips were dropped.</p>`
      : `<table><tr><th>reason</th><th>dropped</th></tr>${dropped.map((d) => `<tr><td>${escapeHtml(d.reason)}</td><td>${d.count}</td></tr>`).join("")}</table>${barChart(
          dropped.map((d) => ({
            label: d.reason.length > 28 ? `${d.reason.slice(0, 27)}…` : d.reason,
            value: d.count,
          })),
          { color: "#e5534b" },
        )}`;
  return `<h2>Pose confidence</h2>${confidence}<h2>Dropped clips</h2>${droppedHtml}`;
}

async function sampleHtml(sample: SampleItem, fps: number, thumbnails: number): Promise<string> {
  const series = [{ name: "joint speed", values: sample.speed, color: "#4ea1ff" }];
  if (sample.onset !== undefined)
    series.push({ name: "music onset", values: sample.onset, color: "#ff7a45" });
  const plot = linePlot({
    series,
    fps,
    ...(sample.musicBeats.length > 0
      ? { markers: { frames: sample.musicBeats, color: "#f2b600", name: "music beats" } }
      : {}),
    dots: { frames: sample.motionBeats, series: 0, color: "#1d2330", name: "motion beats" },
  });
  const uris = thumbnails > 0 ? await thumbnailDataUris(sample.motion, { count: thumbnails }) : [];
  const score =
    sample.score === undefined ? "" : ` · beat alignment ${sample.score.toFixed(3)} (σ = 3 frames)`;
  return `<div class="item"><div><b>${escapeHtml(sample.id)}</b> <span class="muted">(${escapeHtml(sample.split)}, ${(sample.motion.frames / fps).toFixed(2)} s${score})</span>${sample.text ? `<div class="muted">“${escapeHtml(sample.text)}”</div>` : ""}${plot}</div><div class="thumbs">${uris.map((u, i) => `<img alt="${escapeHtml(sample.id)} frame ${i + 1}" src="${u}">`).join("")}</div></div>`;
}

/** The HTML text of a dataset's report (see the module comment). `manifest` is the parsed manifest.json. */
export async function writeDatasetReport(manifest: unknown, options: DatasetReportOptions): Promise<string> {
  const data = collectReportData(manifest, options);
  const m = data.manifest;
  const samples = await Promise.all(data.samples.map((s) => sampleHtml(s, m.fps, options.thumbnails ?? 3)));
  const features = Object.entries(m.features).map(
    ([name, what]) =>
      `<tr><td>${escapeHtml(name)}</td><td style="text-align:left">${escapeHtml(what)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(m.name)}: dataset report</title><style>${css}</style></head>
<body><h1>${escapeHtml(m.name)}</h1><p class="muted">recipe <b>${escapeHtml(m.recipe)}</b> · ${m.fps} fps · ${m.sources.length} sources</p>
${splitsSection(data)}
${features.length > 0 ? `<h2>Tensors</h2><table><tr><th>name</th><th>what</th></tr>${features.join("")}</table>` : ""}
${tempoSection(data)}
${qualitySection(data)}
<h2>Sample items</h2><p class="muted">Joint speed (blue) with kinematic beats (its local minima, dots) against the music's onset curve (orange) and beats (yellow lines).</p>
${samples.length > 0 ? samples.join("\n") : `<p class="muted">No items with motion to plot.</p>`}
</body></html>
`;
}

/** Writes `writeDatasetReport(manifest, options)` to `path`. */
export async function saveDatasetReport(
  path: string,
  manifest: unknown,
  options: DatasetReportOptions,
): Promise<void> {
  await writeFile(path, await writeDatasetReport(manifest, options));
}
