/** The options build-dataset, status, gc and verify share, and the session flags read from them. */
import { type CommandContext, stringFlag } from "@choreo/core";
import type { SessionFlags } from "@choreo/recipes";

export const sessionOptions = {
  recipe: { type: "string" },
  config: { type: "string" },
  cache: { type: "string" },
  jobs: { type: "string" },
} as const;

export function sessionFlags(ctx: CommandContext): SessionFlags {
  const [config, recipe, cache, jobs] = ["config", "recipe", "cache", "jobs"].map((k) =>
    stringFlag(ctx.values, k),
  );
  return { config, recipe, cache, jobs };
}
