/**
 * Configuration enters once, here: `--config FILE`, else `choreo.config.json` in the working directory,
 * else defaults; the cache directory from `--cache`, else the config's `cache`, else `CHOREO_CACHE`, else
 * `~/.cache/choreo`. Recipes get a typed, validated config object; nothing below reads the environment. A
 * session is what build-dataset and status share: config, recipe, store, jobs and the dataset's last ref.
 */
import { existsSync } from "node:fs";
import { cpus, homedir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { isTagged, openStore, readJsonFile, readRef, type InvalidJsonFile, type Store } from "@choreo/core";
import {
  datasetName,
  recipeConfigFields,
  recipeName,
  recipeNames,
  type RecipeName,
} from "./datasetRecipes.js";
import { InvalidConfig } from "./errors.js";

/** The CLI's settings, and each recipe's section (its schema is the recipe's own). */
export const ChoreoConfigSchema = z
  .object({
    recipe: z.enum(recipeNames).default("demo"),
    out: z.string().optional(),
    cache: z.string().optional(),
    jobs: z.number().int().positive().optional(),
    ...recipeConfigFields,
  })
  .strict();
export type ChoreoConfig = z.infer<typeof ChoreoConfigSchema>;

/** Loads and validates the config file (`path`, or ./choreo.config.json when present). */
export function loadConfig(
  path: string | undefined,
  cwd: string,
): { config: ChoreoConfig; file: string | undefined } {
  const file =
    path !== undefined
      ? resolve(cwd, path)
      : existsSync(join(cwd, "choreo.config.json"))
        ? join(cwd, "choreo.config.json")
        : undefined;
  if (file === undefined) return { config: ChoreoConfigSchema.parse({}), file };
  try {
    return { config: readJsonFile(file, ChoreoConfigSchema), file };
  } catch (error) {
    // The file, depth bound and `field: expected ..., got ...` come from readJsonFile; the tag says "config".
    if (isTagged(error, "InvalidJsonFile")) throw new InvalidConfig(file, (error as InvalidJsonFile).problem);
    throw error;
  }
}

/** The cache directory: flag, then the config's `cache`, then CHOREO_CACHE, then ~/.cache/choreo. */
export function resolveCacheDir(
  flag: string | undefined,
  config: ChoreoConfig,
  env: NodeJS.ProcessEnv,
  cwd: string,
): string {
  const dir = flag ?? config.cache ?? env.CHOREO_CACHE ?? join(homedir(), ".cache", "choreo");
  return resolve(cwd, dir);
}

/** The flags a session is opened from (as given on the command line; all optional). */
export interface SessionFlags {
  readonly config?: string | undefined;
  readonly recipe?: string | undefined;
  readonly cache?: string | undefined;
  readonly jobs?: string | undefined;
}

export interface Session {
  readonly config: ChoreoConfig;
  readonly recipe: RecipeName;
  readonly dataset: string;
  readonly store: Store;
  readonly jobs: number;
  readonly previous: Readonly<Record<string, string>> | undefined;
}

/** The store the flags and config name (for commands that need no recipe: gc, verify). */
export function openConfiguredStore(flags: SessionFlags, cwd: string, env: NodeJS.ProcessEnv): Store {
  const { config } = loadConfig(flags.config, cwd);
  return openStore(resolveCacheDir(flags.cache, config, env, cwd));
}

/** Config, recipe, store, jobs (flag, config, else the CPU count) and the previous ref of the dataset. */
export function openSession(flags: SessionFlags, cwd: string, env: NodeJS.ProcessEnv): Session {
  const { config } = loadConfig(flags.config, cwd);
  const recipe = recipeName(flags.recipe ?? config.recipe);
  const store = openStore(resolveCacheDir(flags.cache, config, env, cwd));
  const jobs = flags.jobs !== undefined ? Number(flags.jobs) : (config.jobs ?? cpus().length);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new RangeError(`--jobs: expected a positive integer, got ${String(flags.jobs)}`);
  const dataset = datasetName(recipe, config);
  return { config, recipe, dataset, store, jobs, previous: readRef(store.root, dataset, "latest")?.actions };
}
