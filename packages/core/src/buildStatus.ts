/**
 * The status rules: a dry-run walk says per action FRESH (cached and complete), STALE (why: params, version,
 * input, tools, evicted) or MISSING, stopping each branch at its first miss. Actions of the last build that the
 * walk could not reach sit downstream of something that will rerun, so once anything is not FRESH they are
 * STALE (input). Nothing runs and nothing is written.
 */
import { Build, type ActionStatus } from "./build.js";
import type { Store } from "./store.js";

/** The walk's statuses plus the last build's unreached actions as STALE (input) when anything will rerun. */
export function classifyStatuses(
  walked: readonly ActionStatus[],
  previous: Readonly<Record<string, string>> | undefined,
): ActionStatus[] {
  const statuses = [...walked];
  if (!statuses.some((s) => s.state !== "FRESH")) return statuses;
  const visited = new Set(statuses.map((s) => `${s.stage}\t${s.item}`));
  for (const id of Object.keys(previous ?? {})) {
    if (visited.has(id)) continue;
    const [stage = "", item = ""] = id.split("\t");
    statuses.push({ stage, item, state: "STALE", reason: "input" });
  }
  return statuses;
}

export interface BuildStatusOptions {
  readonly store: Store;
  /** The actions of the dataset's last ref, to explain STALE. */
  readonly previous?: Readonly<Record<string, string>>;
  /** The recipe's walk; a failure inside it ends the walk, not the status. */
  readonly walk: (build: Build) => Promise<unknown>;
}

/** Walks a recipe in a dry run and classifies every action it reaches (and those it no longer reaches). */
export async function buildStatus(options: BuildStatusOptions): Promise<ActionStatus[]> {
  const build = new Build({
    store: options.store,
    dryRun: true,
    ...(options.previous !== undefined ? { previous: options.previous } : {}),
  });
  await options.walk(build).catch(() => undefined);
  return classifyStatuses(build.summary().statuses, options.previous);
}
