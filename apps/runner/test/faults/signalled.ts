// A `choreo` child for the signal tests: started with the handlersReady preload, its output collected, and
// helpers to wait for a line and to time its exit after a signal.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { cliPath } from "../cli.js";

const preload = fileURLToPath(new URL("./handlersReady.mjs", import.meta.url));

export interface SignalledCli {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves once stderr or stdout contains `text` (rejects when the child exits first or after `timeoutMs`). */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code and the seconds from the signal to the exit. */
  interrupt(
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; seconds: number }>;
}

/** Starts `choreo ...args` in `cwd`. */
export function startSignalled(args: readonly string[], cwd: string): SignalledCli {
  const child = spawn(process.execPath, ["--import", preload, cliPath, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    output: () => ({ stdout, stderr }),
    async waitFor(text, timeoutMs = 180_000) {
      const started = Date.now();
      while (!stdout.includes(text) && !stderr.includes(text)) {
        if (done) throw new Error(`choreo exited before printing ${JSON.stringify(text)}:\n${stderr}`);
        if (Date.now() - started > timeoutMs)
          throw new Error(`no ${JSON.stringify(text)} after ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    async interrupt(signal) {
      const sent = performance.now();
      child.kill(signal);
      const exit = await exited;
      return { ...exit, seconds: (performance.now() - sent) / 1000 };
    },
  };
}
