import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { heavyModules, modulesLoadedBy } from "../../core/test/entryLoads.js";

describe("@choreo/dataset entry", () => {
  it("loads no TF.js and no sharp, in the main thread or in its stages' worker threads", () => {
    const loaded = modulesLoadedBy("@choreo/dataset", fileURLToPath(new URL("..", import.meta.url)));
    expect(loaded).toContain(new URL("../dist/index.js", import.meta.url).href); // the recorder saw the built entry
    expect(loaded.filter((url) => heavyModules.test(url))).toEqual([]);
  });
});
