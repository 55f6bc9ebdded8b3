/**
 * Refs: the roots of garbage collection and the memory of the last build. `refs/<dataset>/<tag>` holds the
 * action keys a build reached (by `stage\titem`), so `gc` knows what to keep and `status` can say why an
 * action is stale. A ref's mtime is its last use (LRU for gc).
 */
import { InvalidStageUse } from "./errors.js";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { storeWrite } from "./internal/storeWrite.js";

export interface RefRecord {
  readonly dataset: string;
  readonly tag: string;
  readonly recipe: string;
  readonly datasetDigest?: string;
  readonly actions: Readonly<Record<string, string>>;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function refPath(root: string, dataset: string, tag: string): string {
  if (!namePattern.test(dataset) || !namePattern.test(tag)) {
    throw new InvalidStageUse(`ref ${dataset}/${tag}`, `ref names must match ${namePattern.source}`);
  }
  return join(root, "refs", dataset, tag);
}

/** Writes a ref atomically (StoreUnwritable naming the path when the store cannot take it). */
export function writeRef(root: string, record: RefRecord): void {
  const path = refPath(root, record.dataset, record.tag);
  storeWrite(root, () => {
    mkdirSync(join(path, ".."), { recursive: true });
    const tmp = join(root, "tmp", `ref-${process.pid}-${randomBytes(6).toString("hex")}`);
    writeFileSync(tmp, JSON.stringify(record));
    try {
      renameSync(tmp, path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw Object.assign(error as Error, { path }); // name the ref, not the temporary file
    }
  });
}

/** Reads a ref, or undefined when there is none. */
export function readRef(root: string, dataset: string, tag: string): RefRecord | undefined {
  try {
    return JSON.parse(readFileSync(refPath(root, dataset, tag), "utf8")) as RefRecord;
  } catch {
    return undefined;
  }
}

/** Every ref with its last-use time, newest first. */
export function listRefs(root: string): { record: RefRecord; path: string; mtimeMs: number }[] {
  const out: { record: RefRecord; path: string; mtimeMs: number }[] = [];
  let datasets: string[] = [];
  try {
    datasets = readdirSync(join(root, "refs"));
  } catch {
    return out;
  }
  for (const dataset of datasets) {
    for (const tag of readdirSync(join(root, "refs", dataset))) {
      const path = join(root, "refs", dataset, tag);
      try {
        const record = JSON.parse(readFileSync(path, "utf8")) as RefRecord;
        out.push({ record, path, mtimeMs: statSync(path).mtimeMs });
      } catch {
        // an unreadable ref protects nothing; gc reports it by leaving it in place
      }
    }
  }
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs);
}
