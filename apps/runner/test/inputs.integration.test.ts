// Hostile inputs at the CLI (issue 13, findings 6 and 8): refused at once, with the file and field named.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

describe("hostile inputs", () => {
  it("refuses to inspect a FIFO instead of hanging", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-inputs-"));
    execFileSync("mkfifo", [join(dir, "x.json")]);
    const r = await runCli(["inspect", join(dir, "x.json")], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("NotRegularFile");
  });

  it("names the config field, what it expects and what it got", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-inputs-"));
    writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ jobs: "two" }));
    const r = await runCli(["status"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('jobs: expected number, got "two"');
  });

  it("gives a one-line error for a 200k-deep config, not a stack overflow", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-inputs-"));
    writeFileSync(join(dir, "deep.json"), `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    const r = await runCli(["status", "--config", "deep.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InvalidConfig: .*deep\.json: JSON nests deeper than 200 levels/);
  });
});
