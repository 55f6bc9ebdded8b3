import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

describe("choreo <command> --help", () => {
  it("exits 0 for every command and lists every flag of its usage line", async () => {
    const index = await runCli(["--help"], tmpdir());
    expect(index.code).toBe(0);
    const usages = index.stderr
      .split("\n")
      .filter((l) => l.startsWith("  choreo "))
      .map((l) => l.trim());
    expect(usages.length).toBeGreaterThan(10);
    const helps = await Promise.all(
      usages.map(async (usage) => {
        const words = usage.split(" ").slice(1);
        const end = words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w));
        const command = end < 0 ? words : words.slice(0, end);
        return { usage, command, result: await runCli([...command, "--help"], tmpdir()) };
      }),
    );
    for (const { usage, command, result } of helps) {
      expect(result.code, `${command.join(" ")}: ${result.stderr}`).toBe(0);
      expect(result.stdout.startsWith(`usage: ${usage}\n`)).toBe(true);
      const listed = `\n${result.stdout.split("options:\n")[1]}`;
      for (const flag of usage.match(/--[a-z][a-z-]*/g) ?? [])
        expect(listed, `${command.join(" ")} --help`).toContain(`\n  ${flag}`);
    }
  });
});
