/**
 * What build-dataset and status share: config, recipe, store and the previous ref of the dataset.
 */
import { cpus } from "node:os";
import { openStore, readRef, type Store } from "@choreo/core";
import { datasetName, recipeName, type RecipeName } from "@choreo/recipes";
import { loadConfig, resolveCacheDir, type ChoreoConfig } from "./config.js";
import type { CommandContext } from "./command.js";

export interface Session {
  readonly config: ChoreoConfig;
  readonly recipe: RecipeName;
  readonly dataset: string;
  readonly store: Store;
  readonly jobs: number;
  readonly previous: Readonly<Record<string, string>> | undefined;
}

export function openSession(ctx: CommandContext): Session {
  const v = ctx.values;
  const { config } = loadConfig(v.config as string | undefined, process.cwd());
  const recipe = recipeName((v.recipe as string | undefined) ?? config.recipe);
  const cacheDir = resolveCacheDir(v.cache as string | undefined, config, process.env, process.cwd());
  const store = openStore(cacheDir);
  const jobs = v.jobs !== undefined ? Number(v.jobs) : (config.jobs ?? cpus().length);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new Error(`[runner] --jobs must be a positive integer, got ${String(v.jobs)}`);
  const dataset = datasetName(recipe, config);
  return { config, recipe, dataset, store, jobs, previous: readRef(store.root, dataset, "latest")?.actions };
}

export const sessionOptions = {
  recipe: { type: "string" },
  config: { type: "string" },
  cache: { type: "string" },
  jobs: { type: "string" },
} as const;
