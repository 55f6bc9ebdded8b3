/**
 * Configuration enters once, here: `--config FILE`, else `choreo.config.json` in the working directory,
 * else defaults; the cache directory from `--cache`, else `CHOREO_CACHE`, else `~/.cache/choreo`. Recipes
 * get a typed, validated config object; nothing below reads the environment.
 */
import { existsSync } from "node:fs";
import { isTagged, readJsonFile, type InvalidJsonFile } from "@choreo/core";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { recipeConfigFields, recipeNames } from "@choreo/recipes";

/** The CLI's settings, and each recipe's section (its schema is the recipe's own, from @choreo/recipes). */
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

/** A configuration file that cannot be used; thrown (misconfiguration), with the file named. */
export class InvalidConfig extends Error {
  readonly _tag = "InvalidConfig";
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`[runner] ${file}: ${problem}`);
  }
}

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
    // The file, depth bound and `field: expected ..., got ...` come from readJsonFile; the tag stays ours.
    if (isTagged(error, "InvalidJsonFile")) throw new InvalidConfig(file, (error as InvalidJsonFile).problem);
    throw error;
  }
}

/** The cache directory: flag, then CHOREO_CACHE, then ~/.cache/choreo. */
export function resolveCacheDir(
  flag: string | undefined,
  config: ChoreoConfig,
  env: NodeJS.ProcessEnv,
  cwd: string,
): string {
  const dir = flag ?? config.cache ?? env.CHOREO_CACHE ?? join(homedir(), ".cache", "choreo");
  return resolve(cwd, dir);
}
