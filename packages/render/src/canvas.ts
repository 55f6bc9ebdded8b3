/**
 * A small RGB24 canvas for preview frames: clear, copy a background, anti-aliased capsules (thick lines with
 * round caps, i.e. bones), discs and thin lines, and a 5×7 bitmap font for frame numbers. Coverage is the exact
 * distance to the segment minus the radius, clamped to one pixel (a box-filter approximation), so edges are
 * smooth without supersampling. It deliberately knows nothing of skeletons or cameras (`previewRenderer.ts`).
 */
import { glyphOf, glyphHeight, glyphWidth } from "./internal/font5x7.js";

/** An RGB colour, 0-255 per channel. */
export type Rgb = readonly [number, number, number];

/** A width × height RGB24 image (row-major, 3 bytes a pixel) that the drawing functions write into. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A canvas over a new (or the given) buffer. */
export function createCanvas(
  width: number,
  height: number,
  data: Uint8Array = new Uint8Array(width * height * 3),
): Canvas {
  if (data.length !== width * height * 3)
    throw new RangeError(`canvas: ${data.length} bytes for ${width}×${height}`);
  return { width, height, data };
}

/** Fills the canvas with one colour. */
export function clearCanvas(canvas: Canvas, color: Rgb): void {
  const { data } = canvas;
  data[0] = color[0];
  data[1] = color[1];
  data[2] = color[2];
  // doubling copies: log2(n) memcpy calls instead of n pixel writes
  for (let filled = 3; filled < data.length; filled *= 2)
    data.copyWithin(filled, 0, Math.min(filled, data.length - filled));
}

function blend(data: Uint8Array, i: number, color: Rgb, alpha: number): void {
  const keep = 1 - alpha;
  data[i] = data[i]! * keep + color[0] * alpha + 0.5;
  data[i + 1] = data[i + 1]! * keep + color[1] * alpha + 0.5;
  data[i + 2] = data[i + 2]! * keep + color[2] * alpha + 0.5;
}

/**
 * Draws the segment (x0, y0)–(x1, y1) `widthPx` wide with round caps, anti-aliased, blended at `opacity`.
 * Pixel centres are at integer + 0.5. Rows are scanned only over the x-range the capsule can reach.
 */
export function drawCapsule(
  canvas: Canvas,
  segment: readonly [number, number, number, number],
  widthPx: number,
  color: Rgb,
  opacity = 1,
): void {
  const [x0, y0, x1, y1] = segment;
  if (![x0, y0, x1, y1, widthPx].every(Number.isFinite)) return;
  const r = widthPx / 2;
  const reach = r + 0.5;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const { width, height, data } = canvas;
  const rowStart = Math.max(0, Math.floor(Math.min(y0, y1) - reach));
  const rowEnd = Math.min(height - 1, Math.ceil(Math.max(y0, y1) + reach));
  for (let py = rowStart; py <= rowEnd; py++) {
    const cy = py + 0.5;
    // x-range of the part of the segment within `reach` rows of this one, widened by `reach`
    let tA = 0;
    let tB = 1;
    if (dy !== 0) {
      const ta = (cy - reach - y0) / dy;
      const tb = (cy + reach - y0) / dy;
      tA = Math.max(0, Math.min(ta, tb));
      tB = Math.min(1, Math.max(ta, tb));
      if (tA > tB) continue;
    } else if (Math.abs(cy - y0) > reach) continue;
    const xa = x0 + dx * tA;
    const xb = x0 + dx * tB;
    const colStart = Math.max(0, Math.floor(Math.min(xa, xb) - reach));
    const colEnd = Math.min(width - 1, Math.ceil(Math.max(xa, xb) + reach));
    for (let px = colStart; px <= colEnd; px++) {
      const cx = px + 0.5;
      let t = len2 > 0 ? ((cx - x0) * dx + (cy - y0) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = cx - (x0 + dx * t);
      const ey = cy - (y0 + dy * t);
      const coverage = reach - Math.sqrt(ex * ex + ey * ey);
      if (coverage <= 0) continue;
      blend(data, (py * width + px) * 3, color, (coverage >= 1 ? 1 : coverage) * opacity);
    }
  }
}

/** A filled anti-aliased disc of `diameterPx` at (x, y). */
export function drawDisc(
  canvas: Canvas,
  x: number,
  y: number,
  diameterPx: number,
  color: Rgb,
  opacity = 1,
): void {
  drawCapsule(canvas, [x, y, x, y], diameterPx, color, opacity);
}

/** A solid axis-aligned rectangle (no anti-aliasing: for panels and tick marks on whole pixels). */
export function fillRect(
  canvas: Canvas,
  rect: readonly [number, number, number, number],
  color: Rgb,
  opacity = 1,
): void {
  const [x, y, w, h] = rect;
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(canvas.width, Math.round(x + w));
  const y1 = Math.min(canvas.height, Math.round(y + h));
  for (let py = y0; py < y1; py++)
    for (let px = x0; px < x1; px++) blend(canvas.data, (py * canvas.width + px) * 3, color, opacity);
}

/** Writes `text` (digits, A-Z, a few signs; others are blank) with its top-left at (x, y), `scale` px a dot. */
export function drawText(
  canvas: Canvas,
  text: string,
  at: readonly [number, number],
  scale: number,
  color: Rgb,
): void {
  let penX = at[0];
  for (const ch of text.toUpperCase()) {
    const rows = glyphOf(ch);
    for (let gy = 0; gy < glyphHeight; gy++) {
      const bits = rows[gy] ?? 0;
      for (let gx = 0; gx < glyphWidth; gx++) {
        if ((bits >> (glyphWidth - 1 - gx)) & 1)
          fillRect(canvas, [penX + gx * scale, at[1] + gy * scale, scale, scale], color);
      }
    }
    penX += (glyphWidth + 1) * scale;
  }
}

/** Width in pixels of `text` drawn by `drawText` at `scale`. */
export function textWidth(text: string, scale: number): number {
  return text.length * (glyphWidth + 1) * scale - scale;
}
