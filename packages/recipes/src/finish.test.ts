import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { formatZodIssues, openStore, runBuild } from "@choreo/core";
import { DemoConfigSchema } from "./demo/recipe.js";
import { finishDataset } from "./finish.js";
import { IndvConfigSchema } from "./indv.js";
import { JustlmdConfigSchema } from "./justlmd.js";

function problem(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? "ok" : formatZodIssues(parsed.error.issues);
}

describe("checkSplitFractions", () => {
  it("refuses val + test fractions that leave no song to train on, in every recipe that has them", () => {
    const fractions = { valFraction: 0.5, testFraction: 0.5 };
    const message =
      "testFraction: expected valFraction + testFraction < 1 (songs must be left to train on), got 1";
    expect(problem(DemoConfigSchema, fractions)).toBe(message);
    expect(problem(JustlmdConfigSchema, fractions)).toBe(message);
    expect(problem(IndvConfigSchema, fractions)).toBe(message);
    expect(problem(DemoConfigSchema, { valFraction: 0.4, testFraction: 0.5 })).toBe("ok");
  });
});

describe("DemoConfigSchema", () => {
  it("refuses a window longer than the songs and audio for songs it does not plan", () => {
    expect(problem(DemoConfigSchema, { durationSec: 6, windowSec: 30 })).toBe(
      "windowSec: expected at most durationSec (6), or no song has a window, got 30",
    );
    expect(problem(DemoConfigSchema, { songs: 2, audio: { song09: "a.wav" } })).toBe(
      'audio.song09: expected a song of this config (song00 to song01) as the key, got "song09"',
    );
    expect(problem(DemoConfigSchema, { songs: 2, audio: { song01: "a.wav" } })).toBe("ok");
  });
});

describe("finishDataset", () => {
  const options = {
    name: "empty",
    recipe: "demo",
    config: {},
    tools: {},
    fps: 30,
    sources: [],
    features: {},
    card: { summary: "", license: "", caveats: [] },
  };

  it.each([
    [{ train: [], val: [], test: [] }, "no windows"],
    [{ train: [] }, "no windows"],
  ])("throws EmptyDataset instead of writing a dataset without windows (%j)", async (bySplit, text) => {
    const store = openStore(mkdtempSync(join(tmpdir(), "recipes-finish-")), { durable: false });
    const outcome = await runBuild({ store, jobs: 1, threads: false }, (b) =>
      finishDataset(b, { ...options, bySplit }),
    );
    expect(outcome.usable).toBeUndefined();
    expect(outcome.error).toMatchObject({ _tag: "EmptyDataset", problem: expect.stringContaining(text) });
  });
});
