/**
 * Inline SVG charts for the HTML report: bars (counts per category), a histogram of values and line plots with
 * beat markers. Plain strings, no script and no external assets, so `report.html` stays self-contained and
 * deterministic (fixed number formatting, no ids from counters).
 */

/** Escapes text for HTML and SVG. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const fmt = (v: number): string =>
  Number.isInteger(v)
    ? String(v)
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 10
        ? v.toFixed(1)
        : v.toFixed(2);
const px = (v: number): string => v.toFixed(1);

/** Horizontal bars, one per label. */
export function barChart(
  rows: readonly { label: string; value: number }[],
  options: { width?: number; unit?: string; color?: string } = {},
): string {
  const width = options.width ?? 520;
  const rowH = 22;
  const labelW = 190;
  const max = Math.max(1e-9, ...rows.map((r) => r.value));
  const height = rows.length * rowH + 8;
  const bars = rows.map((r, i) => {
    const w = ((width - labelW - 70) * r.value) / max;
    const y = 4 + i * rowH;
    return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(r.label)}</text><rect x="${labelW}" y="${y + 3}" width="${px(w)}" height="${rowH - 6}" fill="${options.color ?? "#4ea1ff"}"/><text x="${px(labelW + w + 6)}" y="${y + 15}">${fmt(r.value)}${options.unit ?? ""}</text>`;
  });
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${bars.join("")}</svg>`;
}

/** A histogram of `values` with bins `binWidth` wide, aligned to multiples of it. */
export function histogram(
  values: readonly number[],
  options: { binWidth: number; label: string; width?: number; color?: string },
): string {
  const width = options.width ?? 520;
  const height = 180;
  const pad = { l: 40, r: 10, t: 10, b: 36 };
  const lo = Math.floor(Math.min(...values) / options.binWidth) * options.binWidth;
  const bins = Math.max(1, Math.floor((Math.max(...values) - lo) / options.binWidth) + 1);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / options.binWidth))]! += 1;
  const max = Math.max(...counts);
  const bw = (width - pad.l - pad.r) / bins;
  const plotH = height - pad.t - pad.b;
  const rects = counts.map((c, i) => {
    const h = (plotH * c) / max;
    const x = pad.l + i * bw;
    return `<rect x="${px(x + 1)}" y="${px(pad.t + plotH - h)}" width="${px(Math.max(1, bw - 2))}" height="${px(h)}" fill="${options.color ?? "#ff7a45"}"><title>${fmt(lo + i * options.binWidth)}–${fmt(lo + (i + 1) * options.binWidth)}: ${c}</title></rect>`;
  });
  const ticks = counts.map((_, i) =>
    bins <= 12 || i % Math.ceil(bins / 12) === 0
      ? `<text x="${px(pad.l + i * bw)}" y="${height - pad.b + 14}">${fmt(lo + i * options.binWidth)}</text>`
      : "",
  );
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><line x1="${pad.l}" y1="${pad.t + plotH}" x2="${width - pad.r}" y2="${pad.t + plotH}" stroke="#888"/>${rects.join("")}${ticks.join("")}<text x="${pad.l - 6}" y="${pad.t + 10}" text-anchor="end">${max}</text><text x="${width / 2}" y="${height - 4}" text-anchor="middle">${escapeHtml(options.label)}</text></svg>`;
}

/** One curve of a line plot, normalised to its own maximum. */
export interface Series {
  readonly name: string;
  readonly values: Float32Array;
  readonly color: string;
}

/** Line plot over frames with vertical markers (e.g. music beats) and dots (e.g. motion beats on a series). */
export function linePlot(options: {
  readonly series: readonly Series[];
  readonly fps: number;
  readonly markers?: { frames: readonly number[]; color: string; name: string };
  readonly dots?: { frames: readonly number[]; series: number; color: string; name: string };
  readonly width?: number;
}): string {
  const width = options.width ?? 520;
  const height = 150;
  const pad = { l: 10, r: 10, t: 18, b: 22 };
  const frames = Math.max(2, ...options.series.map((s) => s.values.length));
  const plotW = width - pad.l - pad.r;
  const plotH = height - pad.t - pad.b;
  const x = (t: number): number => pad.l + (plotW * t) / (frames - 1);
  const norm = (s: Series): ((t: number) => number) => {
    let max = 1e-9;
    for (const v of s.values) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
    return (t) => pad.t + plotH - plotH * Math.max(0, s.values[t]! / max);
  };
  const markers = (options.markers?.frames ?? []).map(
    (t) =>
      `<line x1="${px(x(t))}" y1="${pad.t}" x2="${px(x(t))}" y2="${pad.t + plotH}" stroke="${options.markers!.color}" stroke-width="1.5" opacity="0.8"/>`,
  );
  const lines = options.series.map((s) => {
    const y = norm(s);
    const points = Array.from(s.values, (_, t) => `${px(x(t))},${px(y(t))}`).join(" ");
    return `<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${points}"/>`;
  });
  const dotSeries = options.dots !== undefined ? options.series[options.dots.series] : undefined;
  const dots =
    dotSeries === undefined
      ? []
      : options.dots!.frames.map(
          (t) =>
            `<circle cx="${px(x(t))}" cy="${px(norm(dotSeries)(t))}" r="3" fill="${options.dots!.color}"/>`,
        );
  const legend = [
    ...options.series.map((s) => [s.name, s.color]),
    ...(options.markers ? [[options.markers.name, options.markers.color]] : []),
    ...(options.dots ? [[options.dots.name, options.dots.color]] : []),
  ]
    .map(
      ([name, color], i) =>
        `<rect x="${pad.l + i * 130}" y="4" width="10" height="10" fill="${color}"/><text x="${pad.l + 14 + i * 130}" y="13">${escapeHtml(name!)}</text>`,
    )
    .join("");
  const seconds = (frames - 1) / options.fps;
  const axis = `<text x="${pad.l}" y="${height - 6}">0 s</text><text x="${width - pad.r}" y="${height - 6}" text-anchor="end">${seconds.toFixed(2)} s</text>`;
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${legend}${markers.join("")}${lines.join("")}${dots.join("")}${axis}</svg>`;
}
