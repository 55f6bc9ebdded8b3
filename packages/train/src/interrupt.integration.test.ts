import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "../test/syntheticDataset.js";
import { readCheckpoint } from "./checkpoint.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
let dataset: string;

beforeAll(() => {
  dataset = writeSyntheticDataset(mkdtempSync(join(tmpdir(), "choreo-sig-ds-")));
});

/** Runs test/trainChild.ts; sends `signal` once the child has logged step `atStep`. */
function runChild(
  out: string,
  steps: number,
  options: { resume?: boolean; signal?: NodeJS.Signals; atStep?: number } = {},
): Promise<{ code: number | null; stdout: string }> {
  const args = [
    "--import",
    "tsx",
    "--conditions=@choreo/source",
    "test/trainChild.ts",
    dataset,
    out,
    String(steps),
    ...(options.resume === true ? ["--resume"] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: packageDir, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  let sent = false;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!sent && options.signal !== undefined && stdout.includes(`step ${options.atStep ?? 1} `)) {
      sent = true;
      child.kill(options.signal);
    }
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout })));
}

const weightsOf = (dir: string): Map<string, Buffer> =>
  new Map(
    [...readCheckpoint(join(dir, "checkpoint")).weights].map(([k, v]) => [
      k,
      Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength),
    ]),
  );

describe("train (interrupted by a signal)", () => {
  it("writes a checkpoint on SIGINT, exits 130, and --resume reproduces the uninterrupted weights bit for bit", async () => {
    const steps = 40;
    const straightDir = mkdtempSync(join(tmpdir(), "choreo-sig-straight-"));
    const straight = await runChild(straightDir, steps);
    expect(straight.code).toBe(0);

    const dir = mkdtempSync(join(tmpdir(), "choreo-sig-split-"));
    const stopped = await runChild(dir, steps, { signal: "SIGINT", atStep: 5 });
    expect(stopped.code).toBe(130);
    const at = (
      JSON.parse(readFileSync(join(dir, "checkpoint", "checkpoint.json"), "utf8")) as { step: number }
    ).step;
    expect(at).toBeGreaterThanOrEqual(5);
    expect(at).toBeLessThan(steps);
    expect(stopped.stdout).toContain(`SIGINT: stopped at step ${at}`);

    const resumed = await runChild(dir, steps, { resume: true });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`resumed from`);
    const [a, b] = [weightsOf(straightDir), weightsOf(dir)];
    for (const [name, w] of a) expect(b.get(name)?.equals(w), name).toBe(true);
  }, 600_000);

  it("exits 143 on SIGTERM with a checkpoint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-sig-term-"));
    const stopped = await runChild(dir, 40, { signal: "SIGTERM", atStep: 2 });
    expect(stopped.code).toBe(143);
    expect(readCheckpoint(join(dir, "checkpoint")).meta.step).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
