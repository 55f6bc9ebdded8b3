// Hostile inputs at the CLI (issue 13, findings 6 and 8): refused at once, with the file and field named.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli.js";

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
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('jobs: expected number, got "two"');
  });

  it("gives a one-line error for a 200k-deep config, not a stack overflow", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-inputs-"));
    writeFileSync(join(dir, "deep.json"), `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    const r = await runCli(["status", "--config", "deep.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/InvalidConfig: .*deep\.json: JSON nests deeper than 200 levels/);
  });

  it("refuses a JustLMD manifest song key that would escape the videos folder, creating nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-inputs-"));
    const escaped = join(dir, "..", `${basename(dir)}-ESCAPED`);
    writeFileSync(
      join(dir, "JD2099.json"),
      JSON.stringify({ [`../../${basename(dir)}-ESCAPED`]: ["file:///nowhere.mp4", "full"] }),
    );
    const config = {
      recipe: "justlmd",
      justlmd: { manifest: join(dir, "JD2099.json"), videos: join(dir, "videos", "x") },
    };
    writeFileSync(join(dir, "choreo.config.json"), JSON.stringify(config));
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache")], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot be a path segment"); // build-dataset prints the message (UnsafePathSegment)
    expect(existsSync(escaped)).toBe(false);
  });

  it("calls a safetensors file with overlapping tensors invalid, naming the tensor", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-inputs-"));
    const json = Buffer.from(
      JSON.stringify({
        a: { dtype: "U8", shape: [4], data_offsets: [0, 4] },
        b: { dtype: "U8", shape: [4], data_offsets: [2, 6] },
      }),
    );
    const bytes = Buffer.alloc(8 + json.length + 6);
    bytes.writeBigUInt64LE(BigInt(json.length));
    json.copy(bytes, 8);
    writeFileSync(join(dir, "x.safetensors"), bytes);
    const r = await runCli(["inspect", join(dir, "x.safetensors")], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InvalidSafetensors: .*x\.safetensors tensor b/);
  });
});
