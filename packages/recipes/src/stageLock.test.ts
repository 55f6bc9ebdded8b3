import { describe, expect, it } from "vitest";
import { checkStageLock, readStageLock, stageFingerprints } from "@choreo/core";

const modules = ["./demo/stages.ts"];

describe("stages.lock.json", () => {
  it("records every stage's version and code (bump the version when the bytes a stage writes change)", async () => {
    const current = {};
    for (const m of modules)
      Object.assign(current, await stageFingerprints(new URL(m, import.meta.url).href));
    const lock = readStageLock(new URL("../stages.lock.json", import.meta.url).pathname);
    expect(checkStageLock(lock, current)).toEqual([]);
  });
});
