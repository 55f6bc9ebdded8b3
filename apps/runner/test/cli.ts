// Runs the built `choreo` CLI as a real child process (tests of whole builds, crashes and concurrency).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findFfmpeg } from "@choreo/ingest";

export const cliPath = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON, when --json was given. */
  json: BuildJson;
}

export interface BuildJson {
  datasetDigest: string | null;
  out: string;
  actions: { run: number; cached: number; failed: number };
  bytesWritten: number;
  stages: Record<string, { run: number; cached: number; failed: number }>;
  failures: { item: string; stage: string; cause: string; message: string }[];
}

export function startCli(args: string[], cwd: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const child = startCli(args, cwd, env);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      let json = {} as BuildJson;
      try {
        json = JSON.parse(last) as BuildJson;
      } catch {
        // not a --json run
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

/** A scratch working directory with a choreo.config.json holding `demo` settings. */
export function workdir(demo: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "choreo-runner-"));
  writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ demo }));
  return dir;
}

/** Runs ffmpeg found the way choreo finds it (PATH, else the `@ffmpeg-installer` binary), for fixture videos. */
export async function runFfmpeg(args: readonly string[]): Promise<void> {
  const { ffmpegPath } = await findFfmpeg();
  execFileSync(ffmpegPath, args);
}
