import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exitCodeOf, InvalidOption, parseNumberOption } from "./index.js";

describe("parseNumberOption", () => {
  it("returns the number, or undefined when the option is absent", () => {
    expect(parseNumberOption("2.5", "--fps")).toBe(2.5);
    expect(parseNumberOption(undefined, "--fps")).toBeUndefined();
  });

  it.each([
    ["0", z.number().positive(), "--fps: expected a number > 0, got 0"],
    ["abc", z.number().int(), '--seed: expected number, got "abc"'],
    ["1.5", z.number().int(), "--seed: expected an integer, got 1.5"],
    ["NaN", z.number(), "--guidance: expected number, got NaN"],
    ["Infinity", z.number(), "--guidance: expected number, got Infinity"],
    ["", z.number(), '--fps: expected number, got ""'],
  ])("refuses %j as InvalidOption naming the flag, the rule and the value", (text, schema, message) => {
    const flag = message.slice(0, message.indexOf(":"));
    let error: unknown;
    try {
      parseNumberOption(text, flag, schema);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ _tag: "InvalidOption", flag, usage: true });
    expect((error as Error).message).toBe(`[core] ${message}`);
  });
});

describe("exitCodeOf", () => {
  it("is 2 for misuse and 1 for anything else", () => {
    expect(exitCodeOf(new InvalidOption("--fps", "expected a number > 0, got 0"))).toBe(2);
    expect(exitCodeOf(new RangeError("x"))).toBe(1);
    expect(exitCodeOf("text")).toBe(1);
  });
});
