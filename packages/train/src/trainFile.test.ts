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

  it.each([
    [{ train: { stepz: 3 } }, "train: unknown key stepz"],
    [{ train: { steps: "3" } }, 'train.steps: expected number, got "3"'],
    [{ train: { steps: 0 } }, "train.steps: expected a number > 0, got 0"],
    [{ model: { model: "cvae", dimz: 3 } }, "model: unknown key dimz"],
    [
      { model: { model: "gan" } },
      'model.model: expected one of cvae, cvae-mlp, edge, rhythm, genre, got "gan"',
    ],
    [{ trian: {} }, "value: unknown key trian"],
  ])("refuses %j naming the file, the key and what it expects", (config, problem) => {
    const file = join(mkdtempSync(join(tmpdir(), "train-file-")), "t.json");
    writeFileSync(file, JSON.stringify(config));
    expect(() => readTrainFile(file)).toThrow(
      expect.objectContaining({
        _tag: "TrainConfigInvalid",
        usage: true,
        problem,
        message: `[train] config ${file}: ${problem}`,
      }),
    );
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
