import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import lrcSlice from "./lrcSlice.js";

const lrcFixture = (name: string): string =>
  fileURLToPath(new URL(`../../../../packages/ingest/test/fixtures/lrc/${name}`, import.meta.url));

async function runSlice(
  positionals: string[],
  values: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c: Buffer) => out.push(c.toString("utf8")));
  stderr.on("data", (c: Buffer) => err.push(c.toString("utf8")));
  const code = await lrcSlice.run({
    positionals,
    values,
    stdout,
    stderr,
    signal: new AbortController().signal,
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("choreo lrc slice", () => {
  it("prints JustLMD's sliced.json byte for byte", async () => {
    const { code, stdout } = await runSlice([lrcFixture("song.lrc")]);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(lrcFixture("song.sliced.json"), "utf8"));
  });

  it("applies --length and --offset", async () => {
    const { stdout } = await runSlice([lrcFixture("song.lrc")], { length: "2", offset: "60" });
    expect(Object.keys(JSON.parse(stdout) as object)[0]).toBe("01:10.500");
  });

  it("exits 1 with the ingest error on a garbled file and 2 on bad usage", async () => {
    expect((await runSlice([lrcFixture("garbled.lrc")])).code).toBe(1);
    expect((await runSlice([lrcFixture("song.lrc")], { length: "six" })).code).toBe(2);
    expect((await runSlice([])).code).toBe(2);
  });
});
