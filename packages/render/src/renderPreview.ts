/**
 * One call from a motion to a preview mp4: sizes the frame (the source video's aspect when drawing over it),
 * builds the renderer, decodes the background video at the motion's frame rate if asked, and encodes with the
 * music and lyrics. The pieces (`createPreviewRenderer`, `encodePreview`) stay usable alone.
 */
import { formatZodIssues, issuePath, type Lyrics } from "@choreo/core";
import { decodeVideoFrames, probeMedia } from "@choreo/ingest";
import { encodePreview, type EncodedPreview } from "./encodePreview.js";
import { InvalidRenderOption, UnsupportedRenderInput } from "./errors.js";
import { createPreviewRenderer } from "./previewRenderer.js";
import { PreviewOptionsSchema, type PreviewMotion, type PreviewOptionsInput } from "./schema.js";

/** Options of `renderPreview`. */
export interface RenderPreviewOptions extends PreviewOptionsInput {
  readonly out: string;
  readonly audioPath?: string;
  readonly audioStartSec?: number;
  readonly lyrics?: Lyrics;
  /** Draw 2D keypoints over this video's frames (keypoints in its pixels). */
  readonly overVideo?: string;
  /** Beat times for the timeline (seconds from the motion's start). */
  readonly beatsSec?: readonly number[];
  readonly signal?: AbortSignal;
}

const even = (n: number): number => 2 * Math.max(1, Math.round(n / 2));

async function* frameData(
  video: string,
  options: { fps: number; width: number; height: number },
): AsyncGenerator<Uint8Array> {
  for await (const frame of decodeVideoFrames(video, options)) yield frame.data;
}

/** Renders `motion` to an mp4 at `options.out`. */
export async function renderPreview(
  motion: PreviewMotion,
  options: RenderPreviewOptions,
): Promise<EncodedPreview> {
  const parsed = PreviewOptionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidRenderOption(issuePath(issue.path), formatZodIssues([issue], { name: () => "" }), {
      cause: parsed.error,
    });
  }
  const o = parsed.data;
  let width = even(o.width);
  let height = even(o.height);
  let background: AsyncIterable<Uint8Array> | undefined;
  if (options.overVideo !== undefined) {
    if (motion.kind !== "keypoints2d")
      throw new UnsupportedRenderInput(options.overVideo, "only 2D keypoints can be drawn over a video");
    const info = await probeMedia(options.overVideo);
    if (info.video === undefined) throw new UnsupportedRenderInput(options.overVideo, "has no video stream");
    const scale = Math.min(o.width / info.video.width, o.height / info.video.height);
    width = even(info.video.width * scale);
    height = even(info.video.height * scale);
    background = frameData(options.overVideo, { fps: motion.fps, width, height });
  }
  const renderer = createPreviewRenderer(motion, {
    width,
    height,
    orbitDegPerSec: o.orbitDegPerSec,
    azimuthDeg: o.azimuthDeg,
    ...(options.beatsSec !== undefined ? { beatsSec: options.beatsSec } : {}),
  });
  return encodePreview(renderer, {
    out: options.out,
    crf: o.crf,
    ...(options.audioPath !== undefined ? { audioPath: options.audioPath } : {}),
    ...(options.audioStartSec !== undefined ? { audioStartSec: options.audioStartSec } : {}),
    ...(options.lyrics !== undefined ? { lyrics: options.lyrics } : {}),
    ...(background !== undefined ? { background } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
}
