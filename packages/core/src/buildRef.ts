/**
 * The ref policy of a finished build: `refs/<dataset>/latest` records the actions the build reached. A build
 * that failed or was cancelled merges into the previous ref instead of replacing it, so gc keeps what either
 * build reached and status can still explain what the last good build had.
 */
import { writeRef, type RefRecord } from "./refs.js";

export interface BuildRefOptions {
  readonly dataset: string;
  readonly recipe: string;
  /** The manifest digest, when the build got that far. */
  readonly datasetDigest?: string;
  /** `stage\titem` → key of every action the build reached. */
  readonly actions: Readonly<Record<string, string>>;
  /** The actions of the ref this build replaces. */
  readonly previous?: Readonly<Record<string, string>>;
  /** True when an action failed or the build was cancelled. */
  readonly failed: boolean;
}

/** The actions a build's ref records: its own, over the previous ref's when it failed. */
export function refActions(
  actions: Readonly<Record<string, string>>,
  previous: Readonly<Record<string, string>> | undefined,
  failed: boolean,
): Record<string, string> {
  return failed ? { ...previous, ...actions } : { ...actions };
}

/** Writes the `latest` ref of a finished build under the store root and returns it. */
export function writeBuildRef(root: string, options: BuildRefOptions): RefRecord {
  const record: RefRecord = {
    dataset: options.dataset,
    tag: "latest",
    recipe: options.recipe,
    ...(options.datasetDigest !== undefined ? { datasetDigest: options.datasetDigest } : {}),
    actions: refActions(options.actions, options.previous, options.failed),
  };
  writeRef(root, record);
  return record;
}
