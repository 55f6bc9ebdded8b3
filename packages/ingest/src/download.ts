/**
 * Getting a source video: local paths and `file://` URLs are always served from disk; http(s) URLs go
 * through yt-dlp when it is installed (JustLMD's `1_DOWNLOAD.py` format choice: 720p at 30 fps, else best).
 * Failures are tagged: `ToolMissing` (no yt-dlp), `DownloadFailed` (missing file, network down, video gone).
 * No retries, cookies or rate limiting; nothing is downloaded unless the caller asks.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DownloadFailed, ToolMissing } from "./errors.js";
import { findOnPath } from "./ffmpeg.js";

export interface FetchVideoOptions {
  /** yt-dlp binary; default: `yt-dlp` on `pathList`. */
  readonly ytDlpPath?: string;
  /** PATH to search for yt-dlp (default: the process PATH). */
  readonly pathList?: string;
  /** yt-dlp format selector (default JustLMD's `best[height=720][fps=30]/best`). */
  readonly format?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** True for http(s) URLs (fetched with yt-dlp); anything else is a local path or `file://` URL. */
export function isRemote(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Local file path of a path or `file://` URL. */
export function localPath(source: string): string {
  return source.startsWith("file://") ? fileURLToPath(source) : source;
}

function run(bin: string, args: readonly string[], options: FetchVideoOptions): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      [...args],
      { signal: options.signal, timeout: options.timeoutMs ?? 0, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(err as Error, { stderr }));
        else resolve({ stdout });
      },
    );
  });
}

async function ytDlp(options: FetchVideoOptions): Promise<string> {
  const found =
    options.ytDlpPath ?? (await findOnPath("yt-dlp", options.pathList ?? process.env["PATH"] ?? ""));
  if (found === undefined)
    throw new ToolMissing(
      "yt-dlp",
      "not installed (needed for http(s) sources; local paths and file:// work without it)",
    );
  return found;
}

function failure(url: string, err: unknown): DownloadFailed {
  const stderr = String((err as { stderr?: string }).stderr ?? (err as Error).message ?? err);
  const line =
    stderr
      .trim()
      .split("\n")
      .filter((l) => l.includes("ERROR"))
      .at(-1) ??
    stderr.trim().split("\n").at(-1) ??
    "";
  return new DownloadFailed(url, `yt-dlp failed: ${line}`, { cause: err });
}

/** Copies or downloads `source` to `destFile` (folders created); returns `destFile`. */
export async function fetchVideo(
  source: string,
  destFile: string,
  options: FetchVideoOptions = {},
): Promise<string> {
  await mkdir(dirname(destFile), { recursive: true });
  if (!isRemote(source)) {
    const path = localPath(source);
    const info = await stat(path).catch((cause: unknown) => {
      throw new DownloadFailed(source, "no such local file", { cause });
    });
    if (!info.isFile()) throw new DownloadFailed(source, "not a file");
    if (path !== destFile) await copyFile(path, destFile);
    return destFile;
  }
  const bin = await ytDlp(options);
  const format = options.format ?? "best[height=720][fps=30]/best";
  await run(
    bin,
    [
      "--no-playlist",
      "--socket-timeout",
      "30",
      "-f",
      format,
      "--merge-output-format",
      "mp4",
      "-o",
      destFile,
      source,
    ],
    options,
  ).catch((err: unknown) => {
    throw failure(source, err);
  });
  return destFile;
}

/** The video title (`yt-dlp --get-title`), or the file name without extension for local sources. */
export async function fetchTitle(source: string, options: FetchVideoOptions = {}): Promise<string> {
  if (!isRemote(source)) return (localPath(source).split("/").at(-1) ?? "").replace(/\.[^.]*$/, "");
  const bin = await ytDlp(options);
  const { stdout } = await run(
    bin,
    ["--no-playlist", "--socket-timeout", "30", "--get-title", source],
    options,
  ).catch((err: unknown) => {
    throw failure(source, err);
  });
  return stdout.trim();
}
