import { afterEach, describe, expect, it, vi } from "vitest";
import { defineCommand, numberFlag, runCommandLine, stringFlag } from "./commandLine.js";

const seen: string[] = [];
const echo = defineCommand({
  words: ["echo", "twice"],
  usage: "t echo twice --times N",
  describe: "prints --times",
  options: { times: { type: "string" } },
  async run(ctx) {
    const times = numberFlag(ctx.values["times"], "times", { positive: true, integer: true });
    seen.push(`${times ?? "none"} ${ctx.positionals.join(" ")}`);
    if (ctx.positionals[0] === "fail") throw new Error("it failed\n  on two lines");
    return 0;
  },
});

function capture(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  seen.length = 0;
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
});

describe("runCommandLine", () => {
  it("runs the command its words name, with parsed options and positionals", async () => {
    capture();
    expect(await runCommandLine("t", [echo], ["echo", "twice", "--times", "3", "a", "b"])).toBe(0);
    expect(seen).toEqual(["3 a b"]);
  });

  it("exits 2 with the index for an unknown command, 0 for no words", async () => {
    const { err } = capture();
    expect(await runCommandLine("t", [echo], ["echo"])).toBe(2);
    expect(err.join("")).toMatch(/unknown command: echo[\s\S]*usage: t <command>[\s\S]*t echo twice/);
    expect(await runCommandLine("t", [echo], [])).toBe(0);
  });

  it("answers --help from the declared usage and options without running", async () => {
    const { out } = capture();
    expect(await runCommandLine("t", [echo], ["echo", "twice", "--help"])).toBe(0);
    expect(out.join("")).toContain("--times N");
    expect(seen).toEqual([]);
  });

  it("exits 2 for an undeclared flag or a bad number, 1 with one line for other errors", async () => {
    const { err } = capture();
    expect(await runCommandLine("t", [echo], ["echo", "twice", "--nope"])).toBe(2);
    expect(await runCommandLine("t", [echo], ["echo", "twice", "--times", "0"])).toBe(2);
    expect(err.join("")).toContain("--times: expected");
    err.length = 0;
    expect(await runCommandLine("t", [echo], ["echo", "twice", "fail"])).toBe(1);
    expect(err).toEqual(["it failed on two lines\n"]);
  });
});

describe("stringFlag", () => {
  it("reads string values only", () => {
    expect(stringFlag({ a: "x", b: true }, "a")).toBe("x");
    expect(stringFlag({ a: "x", b: true }, "b")).toBeUndefined();
  });
});
