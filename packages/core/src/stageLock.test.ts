import { describe, expect, it } from "vitest";
import { checkStageLock, stageFingerprints, updateStageLock } from "./index.js";

const fixture = new URL("../test/fixtureStages.ts", import.meta.url).href;

describe("checkStageLock", () => {
  it("flags a stage whose code changed at the same version", async () => {
    const current = await stageFingerprints(fixture);
    expect(Object.keys(current)).toContain("test.square");
    const lock = { ...current, "test.square": { version: 1, fingerprint: "0".repeat(64) } };
    expect(checkStageLock(lock, current)).toEqual([expect.stringContaining("test.square: its code changed")]);
    expect(checkStageLock(current, current)).toEqual([]);
  });

  it("refuses to record changed code without a version bump unless the stage is named", async () => {
    const current = await stageFingerprints(fixture);
    const lock = { ...current, "test.sum": { version: 1, fingerprint: "f".repeat(64) } };
    expect(updateStageLock(lock, current, []).refused).toEqual(["test.sum"]);
    expect(updateStageLock(lock, current, ["test.sum"]).lock["test.sum"]).toEqual(current["test.sum"]);
  });
});
