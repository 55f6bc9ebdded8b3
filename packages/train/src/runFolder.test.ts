import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkpointFolder, locateRun } from "./runFolder.js";

function run(dataset: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "choreo-runfolder-"));
  mkdirSync(join(dir, "checkpoint"));
  writeFileSync(join(dir, "checkpoint", "checkpoint.json"), "{}");
  if (dataset !== undefined) writeFileSync(join(dir, "run.json"), JSON.stringify({ dataset }));
  return dir;
}

describe("checkpointFolder", () => {
  it("takes a run folder to its checkpoint and leaves a checkpoint folder as it is", () => {
    const dir = run(undefined);
    expect(checkpointFolder(dir)).toBe(join(dir, "checkpoint"));
    expect(checkpointFolder(join(dir, "checkpoint"))).toBe(join(dir, "checkpoint"));
    expect(checkpointFolder(join(dir, "nothing"))).toBe(join(dir, "nothing"));
  });
});

describe("locateRun", () => {
  it("gives the run's dataset folder from run.json while it holds a manifest", () => {
    const dataset = mkdtempSync(join(tmpdir(), "choreo-runfolder-ds-"));
    writeFileSync(join(dataset, "manifest.json"), "{}");
    const dir = run(dataset);
    expect(locateRun(dir)).toEqual({ checkpointDir: join(dir, "checkpoint"), datasetDir: dataset });
    expect(locateRun(join(dir, "checkpoint")).datasetDir).toBe(dataset);
    expect(locateRun(run(join(dataset, "gone")))).not.toHaveProperty("datasetDir");
    expect(locateRun(run(undefined))).not.toHaveProperty("datasetDir");
  });
});
