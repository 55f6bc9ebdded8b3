import { describe, expect, it } from "vitest";
import { formatCommandHelp, formatCommandIndex } from "./commandHelp.js";

describe("formatCommandHelp", () => {
  it("lists every declared option, with the value its usage line shows, else VALUE", () => {
    const text = formatCommandHelp({
      usage: "choreo x --model a|b [--steps N] --audio F|--song ID [--audio-start SEC] [--resume] [--json]",
      describe: "Does x",
      options: {
        model: { type: "string" },
        steps: { type: "string" },
        audio: { type: "string" },
        song: { type: "string" },
        "audio-start": { type: "string" },
        resume: { type: "boolean" },
        quiet: { type: "boolean" },
        config: { type: "string", multiple: true },
      },
    });
    expect(text.split("\n")).toEqual([
      "usage: choreo x --model a|b [--steps N] --audio F|--song ID [--audio-start SEC] [--resume] [--json]",
      "Does x",
      "",
      "options:",
      "  --model a|b",
      "  --steps N",
      "  --audio F",
      "  --song ID",
      "  --audio-start SEC",
      "  --resume",
      "  --quiet",
      "  --config VALUE (repeatable)",
      "  --help",
      "",
    ]);
  });
});

describe("formatCommandIndex", () => {
  it("lists each command's usage line and description", () => {
    const a = { usage: "p a [--x N]", describe: "Does a", options: {} };
    const b = { usage: "p b", describe: "Does b", options: {} };
    expect(formatCommandIndex("p", [a, b])).toBe(
      "usage: p <command> [options]\n\n  p a [--x N]\n      Does a\n  p b\n      Does b\n",
    );
  });
});
