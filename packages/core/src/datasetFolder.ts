/**
 * Writing a dataset folder atomically. `<out>` is a symbolic link to a complete version folder in
 * `.<name>.versions/` beside it; a new build copies its files into a fresh version folder (under a `.partial`
 * name until every file is written), then swaps the link with one rename. A reader therefore always sees the
 * old dataset or the new one, never a mix, and a crash at any point leaves the old one whole (a partial
 * version folder is removed by the next write). Old versions are removed after the swap, unless another live
 * process may still be linking its own. It does not verify the blobs it copies (the store does when reading).
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InvalidStageUse } from "./errors.js";
import type { Artifact } from "./schema.js";
import type { Store } from "./store.js";

/** One file of a dataset folder: its name inside the folder and the artifact holding its bytes. */
export interface DatasetFile {
  readonly name: string;
  readonly artifact: Artifact;
}

export interface MaterializeOptions {
  /** The dataset folder (a link to the current version after the first write). */
  readonly out: string;
  readonly files: readonly DatasetFile[];
  /** Path of a blob in the store. */
  readonly blobPath: (digest: `sha256:${string}`) => string;
  /** The dataset digest, for the version folder's name. */
  readonly digest: string;
  /** Called at each step (fault-injection tests stop the process there). */
  readonly onStep?: (step: string) => void;
}

const versionPattern = /^([0-9a-f]{12})-(\d+)-([0-9a-z]+)(\.partial)?$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The folder of versions beside `out`. */
export function datasetVersionsDir(out: string): string {
  return join(dirname(resolve(out)), `.${basename(resolve(out))}.versions`);
}

/** A real folder at `out` (a dataset written before links, or someone's folder): moved aside, or refused. */
function adoptRealFolder(out: string, versions: string): void {
  const entries = readdirSync(out);
  if (entries.length === 0) {
    rmSync(out, { recursive: true });
    return;
  }
  if (!entries.includes("manifest.json")) {
    throw new InvalidStageUse(
      "materialize",
      `${out} exists and is not a choreo dataset folder (no manifest.json); choose another --out`,
    );
  }
  renameSync(out, join(versions, `000000000000-${process.pid}-legacy`));
}

/** Removes versions no longer linked, except those of live processes (they may be about to link theirs). */
function removeStaleVersions(out: string, versions: string): void {
  const current =
    lstatSync(out, { throwIfNoEntry: false })?.isSymbolicLink() === true
      ? basename(readlinkSync(out))
      : undefined;
  for (const name of readdirSync(versions)) {
    const m = versionPattern.exec(name);
    if (m === null || name === current) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) continue;
    rmSync(join(versions, name), { recursive: true, force: true });
  }
  for (const name of readdirSync(dirname(resolve(out)))) {
    const m = /^\.(.+)\.link-(\d+)$/.exec(name);
    if (m !== null && m[1] === basename(resolve(out)) && !isAlive(Number(m[2])))
      rmSync(join(dirname(resolve(out)), name), { force: true });
  }
}

/** Writes the dataset's files into a new version folder and swaps `out` to it in one rename. */
export function materializeDataset(options: MaterializeOptions): void {
  const out = resolve(options.out);
  const step = options.onStep ?? (() => {});
  const versions = datasetVersionsDir(out);
  mkdirSync(versions, { recursive: true });
  const existing = lstatSync(out, { throwIfNoEntry: false });
  if (existing !== undefined && existing.isDirectory()) adoptRealFolder(out, versions);
  const hex = options.digest
    .replace(/^sha256:/, "")
    .slice(0, 12)
    .padEnd(12, "0");
  const id = `${hex}-${process.pid}-${Date.now().toString(36)}`;
  const partial = join(versions, `${id}.partial`);
  mkdirSync(partial);
  step("version folder created");
  for (const { name, artifact } of options.files) {
    const target = join(partial, name);
    mkdirSync(dirname(target), { recursive: true });
    step(`copying ${name}`);
    copyFileSync(options.blobPath(artifact.digest), target);
    chmodSync(target, 0o644);
    step(`copied ${name}`);
  }
  renameSync(partial, join(versions, id));
  step("version folder complete");
  const link = join(dirname(out), `.${basename(out)}.link-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(join(basename(versions), id), link);
  step("link written");
  renameSync(link, out);
  step("link swapped");
  removeStaleVersions(out, versions);
  step("old versions removed");
}

/** True when `out` is a dataset folder this module wrote (a link into its versions folder). */
export function isLinkedDataset(out: string): boolean {
  const st = lstatSync(out, { throwIfNoEntry: false });
  return st?.isSymbolicLink() === true && existsSync(join(out, "manifest.json"));
}

/**
 * Materialises a build's dataset files into `out` atomically (see `materializeDataset`); the version folder is
 * named after the digest of the file named `manifest.json` (the dataset digest), else of the first file.
 */
export function materialize(
  store: Pick<Store, "blobPath">,
  files: readonly DatasetFile[],
  out: string,
  options: { readonly onStep?: (step: string) => void } = {},
): void {
  const key = files.find((f) => f.name === "manifest.json") ?? files[0];
  materializeDataset({
    out,
    files,
    blobPath: (digest) => store.blobPath(digest),
    digest: key?.artifact.digest ?? "",
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  });
}

/**
 * The fault hook of the tests that kill a build while it swaps a dataset in: with `CHOREO_FAULT_KILL_AT=N` in
 * `env`, the process kills itself (SIGKILL) at the N-th materialisation step. Unset, no hook.
 */
export function faultKillHook(env: NodeJS.ProcessEnv): { onStep?: (step: string) => void } {
  const at = Number(env["CHOREO_FAULT_KILL_AT"] ?? Number.NaN);
  if (!Number.isInteger(at)) return {};
  let n = 0;
  return {
    onStep: () => {
      if (n++ === at) process.kill(process.pid, "SIGKILL");
    },
  };
}
