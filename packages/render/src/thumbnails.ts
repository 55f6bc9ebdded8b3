/**
 * Small skeleton stills for the HTML report: frames of a motion drawn by the preview renderer and encoded as
 * PNG data URIs with sharp, so the report embeds them without side files.
 */
import sharp from "sharp";
import { createCanvas } from "./canvas.js";
import { createPreviewRenderer } from "./previewRenderer.js";
import type { PreviewMotion } from "./schema.js";

/** PNG data URIs of `count` frames spread over the motion (at 1/(count+1), 2/(count+1), ...). */
export async function thumbnailDataUris(
  motion: PreviewMotion,
  options: { count?: number; sizePx?: number } = {},
): Promise<string[]> {
  const count = options.count ?? 3;
  const size = options.sizePx ?? 160;
  const renderer = createPreviewRenderer(motion, { width: size, height: size });
  const canvas = createCanvas(size, size);
  const uris: string[] = [];
  for (let k = 1; k <= count; k++) {
    const index = Math.min(motion.frames - 1, Math.floor((k * motion.frames) / (count + 1)));
    renderer.renderFrame(index, canvas);
    const png = await sharp(canvas.data, { raw: { width: size, height: size, channels: 3 } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    uris.push(`data:image/png;base64,${png.toString("base64")}`);
  }
  return uris;
}
