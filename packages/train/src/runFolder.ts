/**
 * A training run's folders from what a user types: the run folder `choreo train --out` writes (run.json,
 * metrics.jsonl, checkpoint/) or its checkpoint folder. The run's dataset folder comes from run.json, when
 * that folder still holds a manifest. Reads no weights; a path that is neither is passed on as it is, for
 * `readCheckpoint` to name in its error.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface RunFolders {
  /** The folder holding checkpoint.json. */
  readonly checkpointDir: string;
  /** The dataset folder the run trained on (run.json's `dataset`), when it is still there. */
  readonly datasetDir?: string;
}

/** `path` when it holds checkpoint.json, else `path/checkpoint` when that does (a run folder). */
export function checkpointFolder(path: string): string {
  const nested = join(path, "checkpoint");
  return !existsSync(join(path, "checkpoint.json")) && existsSync(join(nested, "checkpoint.json"))
    ? nested
    : path;
}

/** The checkpoint folder of a run or checkpoint path, and the run's dataset folder when known. */
export function locateRun(path: string): RunFolders {
  const checkpointDir = checkpointFolder(path);
  let dataset: unknown;
  try {
    dataset = (
      JSON.parse(readFileSync(join(checkpointDir, "..", "run.json"), "utf8")) as { dataset?: unknown }
    ).dataset;
  } catch {
    // no run.json (a copied checkpoint, a PyTorch run): the caller asks for --dataset
  }
  return typeof dataset === "string" && existsSync(join(dataset, "manifest.json"))
    ? { checkpointDir, datasetDir: dataset }
    : { checkpointDir };
}
