import { describe, expect, it } from "vitest";
import { formatIndexingJson, justlmdPthFiles } from "./justlmdPth.js";

describe("formatIndexingJson", () => {
  it("writes what json.dump(indexing, f, ensure_ascii=False, indent=4) writes", () => {
    // python3 -c 'import json,sys; json.dump({0: "Song_12", 1: "Élan_\"x\"_7"}, sys.stdout, ensure_ascii=False, indent=4)'
    expect(formatIndexingJson(["Song_12", 'Élan_"x"_7'])).toBe(
      '{\n    "0": "Song_12",\n    "1": "Élan_\\"x\\"_7"\n}',
    );
    expect(formatIndexingJson([])).toBe("{}");
  });
});

describe("justlmdPthFiles", () => {
  it("names the files as the JustLMD code opens them", () => {
    expect(justlmdPthFiles("JD20-22")).toEqual({
      pth: "exports/justlmd/JD20-22_LMD_Dict.pth",
      indexing: "exports/justlmd/indexing.json",
    });
  });
});
