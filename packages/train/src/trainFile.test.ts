import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrainFile } from "./trainFile.js";

describe("readTrainFile", () => {
  it("gives empty sections without a file and the file's sections otherwise", () => {
    expect(readTrainFile(undefined)).toEqual({ model: {}, train: {} });
    const file = join(mkdtempSync(join(tmpdir(), "train-file-")), "t.json");
    writeFileSync(file, JSON.stringify({ model: { model: "cvae" } }));
    expect(readTrainFile(file)).toEqual({ model: { model: "cvae" }, train: {} });
  });

  it("throws TrainConfigInvalid for a file that is not JSON or not a train file", () => {
    const dir = mkdtempSync(join(tmpdir(), "train-file-"));
    writeFileSync(join(dir, "bad.json"), "{");
    writeFileSync(join(dir, "wrong.json"), JSON.stringify({ model: 3 }));
    for (const name of ["bad.json", "wrong.json", "missing.json"]) {
      expect(() => readTrainFile(join(dir, name))).toThrow(
        expect.objectContaining({ _tag: "TrainConfigInvalid" }),
      );
    }
  });
});
