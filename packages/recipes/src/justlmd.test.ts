import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBuild, openStore } from "@choreo/core";
import { JustlmdConfigSchema, justlmdRecipe } from "./justlmd.js";

describe("JustlmdConfigSchema", () => {
  it("takes the justlmd-pth export with JustLMD's 180 lyric tokens by default", () => {
    const config = JustlmdConfigSchema.parse({ exports: ["justlmd-dict", "justlmd-pth"] });
    expect(config.exports).toEqual(["justlmd-dict", "justlmd-pth"]);
    expect(config.pthLyricsTokens).toBe(180);
    expect(JustlmdConfigSchema.safeParse({ pthLyricsTokens: 0 }).success).toBe(false);
  });
});

describe("justlmdRecipe", () => {
  it("refuses the justlmd-pth export without lyric embeddings before reading any source", async () => {
    const store = openStore(mkdtempSync(join(tmpdir(), "justlmd-recipe-")), { durable: false });
    const config = JustlmdConfigSchema.parse({ root: "/nonexistent", exports: ["justlmd-pth"] });
    await expect(justlmdRecipe.run(createBuild({ store }), config, {})).rejects.toMatchObject({
      _tag: "RecipeConfigIncomplete",
    });
  });
});
