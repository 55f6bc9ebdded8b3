import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatZodIssues, parseJsonText, readJsonFile } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "choreo-json-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("readJsonFile", () => {
  it("reads and validates a file", () => {
    const path = file("ok.json", '\uFEFF{"fps": 30}');
    expect(readJsonFile(path, z.object({ fps: z.number() }))).toEqual({ fps: 30 });
  });

  it("names the file when the JSON does not parse", () => {
    const path = file("bad.json", '{"a": ');
    expect(() => readJsonFile(path)).toThrow(
      expect.objectContaining({ _tag: "InvalidJsonFile", file: path }),
    );
  });

  it("gives a clear error, not a stack overflow, for 200k-deep JSON", () => {
    const path = file("deep.json", `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    expect(() => readJsonFile(path, z.unknown())).toThrow(
      expect.objectContaining({ _tag: "InvalidJsonFile", problem: expect.stringContaining("deeper than") }),
    );
  });

  it("ignores brackets inside strings when bounding depth", () => {
    expect(parseJsonText(JSON.stringify({ s: "[".repeat(1000) + '\\"' }), "s.json")).toEqual({
      s: `${"[".repeat(1000)}\\"`,
    });
  });

  it("renders schema errors as field: expected ..., got ...", () => {
    const path = file("manifest.json", '{"splits": {"train": {"file": 3, "bytes": -1}}, "mode": "x"}');
    const schema = z.object({
      splits: z.record(z.string(), z.object({ file: z.string(), bytes: z.number().int().nonnegative() })),
      mode: z.enum(["a", "b"]),
    });
    expect(() => readJsonFile(path, schema)).toThrow(
      expect.objectContaining({
        _tag: "InvalidJsonFile",
        problem:
          'splits.train.file: expected string, got 3; splits.train.bytes: expected a number >= 0, got -1; mode: expected one of "a", "b", got "x"',
      }),
    );
  });

  it("refuses a directory and a FIFO up front instead of hanging", () => {
    expect(() => readJsonFile(dir)).toThrow(expect.objectContaining({ _tag: "NotRegularFile" }));
    const fifo = join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    expect(() => readJsonFile(fifo)).toThrow(
      expect.objectContaining({ _tag: "NotRegularFile", kind: "a FIFO" }),
    );
  });

  it("says a missing file is missing, naming it", () => {
    expect(() => readJsonFile(join(dir, "nope.json"))).toThrow(
      expect.objectContaining({ _tag: "InvalidJsonFile", problem: "no such file" }),
    );
  });
});

describe("formatZodIssues", () => {
  it("names missing fields and unknown keys", () => {
    const r = z.strictObject({ steps: z.number() }).safeParse({ extra: 1 }, { reportInput: true });
    expect(r.success ? "" : formatZodIssues(r.error.issues)).toBe(
      "steps: expected number, got nothing; value: unknown key extra",
    );
  });
});
