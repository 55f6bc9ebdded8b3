/**
 * Encodes a preview: frames from a `PreviewRenderer` are streamed as raw RGB24 into ffmpeg's stdin (never
 * written to disk), muxed with the music (AAC, trimmed to the motion's duration) and with lyric lines burned in
 * by the `subtitles` filter (libass) → H.264 mp4 (mpeg4 where the ffmpeg has no libx264). Three frame buffers
 * rotate so drawing the next frame overlaps ffmpeg encoding the last; a buffer is reused only after its write
 * completed. Optional background frames (the source video) come from ingest's decoder.
 */
import { spawn, execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Lyrics } from "@choreo/core";
import { findFfmpeg } from "@choreo/ingest";
import { createCanvas } from "./canvas.js";
import { EncodeFailed } from "./errors.js";
import type { PreviewRenderer } from "./previewRenderer.js";
import { formatSrt } from "./subtitles.js";

/** Options of `encodePreview`. */
export interface EncodePreviewOptions {
  readonly out: string;
  /** Music to mux (any file ffmpeg reads). */
  readonly audioPath?: string;
  /** Where in the music the motion starts (a dataset window's start). */
  readonly audioStartSec?: number;
  /** Lyric lines to burn in, timed on the music (shifted by `audioStartSec`). */
  readonly lyrics?: Lyrics;
  /** RGB24 frames of the renderer's size to draw over (the source video); fewer frames fall back to plain. */
  readonly background?: AsyncIterable<Uint8Array>;
  /** x264 CRF (default 20). */
  readonly crf?: number;
  readonly signal?: AbortSignal;
}

/** What was written. */
export interface EncodedPreview {
  readonly out: string;
  readonly frames: number;
  readonly fps: number;
  readonly durationSec: number;
  readonly encoder: string;
}

let encoderCache: Promise<string> | undefined;

async function videoEncoder(ffmpegPath: string): Promise<string> {
  encoderCache ??= promisify(execFile)(ffmpegPath, ["-hide_banner", "-encoders"]).then(
    ({ stdout }) => (/\blibx264\b/.test(stdout) ? "libx264" : "mpeg4"),
    () => "mpeg4",
  );
  return encoderCache;
}

/** Escapes a path for a filter-graph option value (ffmpeg's two levels of quoting). */
function filterPath(path: string): string {
  return path.replace(/\\/g, "\\\\\\\\").replace(/'/g, "\\\\\\'").replace(/:/g, "\\\\:");
}

function ffmpegArgs(
  r: PreviewRenderer,
  o: EncodePreviewOptions,
  encoder: string,
  srtPath: string | undefined,
): string[] {
  const durationSec = r.frames / r.fps;
  const args = [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "-s",
    `${r.width}x${r.height}`,
    "-framerate",
    String(r.fps),
    "-i",
    "pipe:0",
  ];
  if (o.audioPath !== undefined)
    args.push(...(o.audioStartSec ? ["-ss", String(o.audioStartSec)] : []), "-i", o.audioPath);
  args.push("-map", "0:v:0");
  if (o.audioPath !== undefined) args.push("-map", "1:a:0", "-c:a", "aac", "-b:a", "160k");
  if (srtPath !== undefined) {
    const fontSize = 14; // in libass script units: 288 rows a frame, whatever its size
    args.push(
      "-vf",
      `subtitles=filename=${filterPath(srtPath)}:original_size=${r.width}x${r.height}:force_style='FontSize=${fontSize},Alignment=2,MarginV=28,Outline=1'`,
    );
  }
  args.push(
    "-c:v",
    encoder,
    ...(encoder === "libx264" ? ["-preset", "veryfast", "-crf", String(o.crf ?? 20)] : ["-q:v", "3"]),
  );
  args.push(
    "-pix_fmt",
    "yuv420p",
    "-r",
    String(r.fps),
    "-t",
    durationSec.toFixed(6),
    "-movflags",
    "+faststart",
    "-f",
    "mp4",
    o.out,
  );
  return args;
}

/** Renders every frame of `renderer` and encodes them to `options.out` (see the module comment). */
export async function encodePreview(
  renderer: PreviewRenderer,
  options: EncodePreviewOptions,
): Promise<EncodedPreview> {
  if (renderer.width % 2 !== 0 || renderer.height % 2 !== 0)
    throw new EncodeFailed(
      options.out,
      `frame size ${renderer.width}×${renderer.height} must be even for yuv420p`,
    );
  const { ffmpegPath } = await findFfmpeg();
  const encoder = await videoEncoder(ffmpegPath);
  const scratch = options.lyrics !== undefined ? await mkdtemp(join(tmpdir(), "choreo-render-")) : undefined;
  try {
    let srtPath: string | undefined;
    if (scratch !== undefined && options.lyrics !== undefined) {
      srtPath = join(scratch, "lyrics.srt");
      const srt = formatSrt(options.lyrics, {
        offsetSec: -(options.audioStartSec ?? 0),
        durationSec: renderer.frames / renderer.fps,
      });
      await writeFile(srtPath, srt);
    }
    const child = spawn(ffmpegPath, ffmpegArgs(renderer, options, encoder, srtPath), {
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stdin.on("error", () => undefined); // EPIPE when ffmpeg dies: reported through the write callbacks and exit code
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const exited = new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? -1));
    });
    const fail = (problem: string, cause?: unknown): EncodeFailed =>
      new EncodeFailed(
        options.out,
        `${problem}${stderr ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`,
        cause === undefined ? undefined : { cause },
      );
    const onAbort = (): boolean => child.kill("SIGKILL");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const ring = Array.from({ length: 3 }, () => ({
      canvas: createCanvas(renderer.width, renderer.height),
      pending: Promise.resolve(),
    }));
    const background = options.background?.[Symbol.asyncIterator]();
    try {
      for (let i = 0; i < renderer.frames; i++) {
        const slot = ring[i % ring.length]!;
        await slot.pending;
        const bg = background !== undefined ? await background.next() : undefined;
        renderer.renderFrame(i, slot.canvas, bg !== undefined && bg.done !== true ? bg.value : undefined);
        slot.pending = new Promise<void>((resolve, reject) =>
          child.stdin.write(slot.canvas.data, (e) => (e ? reject(e) : resolve())),
        );
        slot.pending.catch(() => undefined); // awaited before reuse; this only keeps it from counting as unhandled
      }
      await Promise.all(ring.map((s) => s.pending));
      child.stdin.end();
    } catch (cause) {
      child.kill("SIGKILL");
      await exited.catch(() => -1);
      if (options.signal?.aborted) {
        await rm(options.out, { force: true }); // no half-written video left behind
        throw fail("cancelled", cause);
      }
      throw fail("ffmpeg stopped reading frames", cause);
    } finally {
      await background?.return?.();
      options.signal?.removeEventListener("abort", onAbort);
    }
    const code = await exited.catch((cause: unknown) => {
      throw fail("ffmpeg did not start", cause);
    });
    if (options.signal?.aborted) {
      await rm(options.out, { force: true });
      throw fail("cancelled");
    }
    if (code !== 0) throw fail(`ffmpeg exited with ${code}`);
    return {
      out: options.out,
      frames: renderer.frames,
      fps: renderer.fps,
      durationSec: renderer.frames / renderer.fps,
      encoder,
    };
  } finally {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}
