/**
 * Finding and driving ffmpeg/ffprobe: the binaries on PATH first (Debian's /usr/bin/ffmpeg), else the ones
 * shipped in `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`. Commands run through fluent-ffmpeg;
 * raw output is streamed to the caller (`ffmpegStream`), never buffered whole. Probing and decoding live in
 * `media.ts` and `videoFrames.ts`; this module only locates tools and wires processes and errors.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import { PassThrough } from "node:stream";
import ffmpeg from "fluent-ffmpeg";
import { DecodeFailed, ToolMissing } from "./errors.js";

/** Absolute paths of the tools in use. */
export interface FfmpegTools {
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The first executable `name` in the directories of `pathList` (a PATH string). */
export async function findOnPath(name: string, pathList: string): Promise<string | undefined> {
  for (const dir of pathList.split(delimiter)) {
    if (dir !== "" && (await isExecutable(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

function installerPath(pkg: string): string | undefined {
  try {
    const mod = createRequire(import.meta.url)(pkg) as { path?: string };
    return mod.path;
  } catch {
    return undefined;
  }
}

let cached: Promise<FfmpegTools> | undefined;

/**
 * Locates ffmpeg and ffprobe (cached). `pathList` defaults to the PATH the process started with;
 * throws `ToolMissing` when neither PATH nor the installer packages provide them.
 */
export function findFfmpeg(pathList: string = process.env["PATH"] ?? ""): Promise<FfmpegTools> {
  cached ??= (async () => {
    const locate = async (name: string, pkg: string): Promise<string> => {
      const found = (await findOnPath(name, pathList)) ?? installerPath(pkg);
      if (found === undefined || !(await isExecutable(found))) {
        throw new ToolMissing(
          name,
          `not on PATH and ${pkg} has no binary for ${process.platform}-${process.arch}`,
        );
      }
      return found;
    };
    return {
      ffmpegPath: await locate("ffmpeg", "@ffmpeg-installer/ffmpeg"),
      ffprobePath: await locate("ffprobe", "@ffprobe-installer/ffprobe"),
    };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

/** A running ffmpeg whose stdout is `output`; `kill()` stops it (used when a consumer stops early). */
export interface FfmpegStream {
  readonly output: PassThrough;
  readonly kill: () => void;
}

export interface FfmpegStreamOptions {
  readonly inputOptions?: readonly string[];
  readonly outputOptions: readonly string[];
  readonly format: string;
  /** Bytes buffered between ffmpeg and the consumer before ffmpeg is paused. */
  readonly highWaterMarkBytes?: number;
}

/** Starts ffmpeg on `file` with raw output streamed; a failure destroys `output` with `DecodeFailed`. */
export async function ffmpegStream(file: string, options: FfmpegStreamOptions): Promise<FfmpegStream> {
  const tools = await findFfmpeg();
  const output = new PassThrough({ highWaterMark: options.highWaterMarkBytes ?? 1 << 20 });
  let stopped = false;
  const command = ffmpeg(file)
    .setFfmpegPath(tools.ffmpegPath)
    .inputOptions(["-nostdin", "-hide_banner", ...(options.inputOptions ?? [])])
    .outputOptions([...options.outputOptions])
    .format(options.format)
    .on("error", (err: Error, _stdout: string | null, stderr: string | null) => {
      if (stopped) return;
      output.destroy(
        new DecodeFailed(file, `ffmpeg failed: ${lastLines(stderr ?? err.message)}`, { cause: err }),
      );
    });
  command.pipe(output, { end: true });
  return {
    output,
    kill: () => {
      stopped = true;
      command.kill("SIGKILL");
    },
  };
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" | ");
}
