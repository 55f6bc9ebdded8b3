import { describe, expect, it } from "vitest";
import { checkStageLock, readStageLock, stageFingerprints } from "@choreo/core";

describe("stages.lock.json", () => {
  it("records every stage's version and code (bump the version when the bytes a stage writes change)", async () => {
    const current = {
      ...(await stageFingerprints(new URL("./stages.ts", import.meta.url).href)),
      ...(await stageFingerprints(new URL("./justlmd.ts", import.meta.url).href)),
      ...(await stageFingerprints(new URL("./aistpp.ts", import.meta.url).href)),
      ...(await stageFingerprints(new URL("./indv.ts", import.meta.url).href)),
      ...(await stageFingerprints(new URL("./exports.ts", import.meta.url).href)),
      ...(await stageFingerprints(new URL("./videoSmpl.ts", import.meta.url).href)),
    };
    const lock = readStageLock(new URL("../stages.lock.json", import.meta.url).pathname);
    expect(checkStageLock(lock, current)).toEqual([]);
  });
});
