/** The options build-dataset, status, gc and verify share, and the session flags read from them. */
import type { SessionFlags } from "@choreo/recipes";
import type { CommandContext } from "./command.js";
import { stringFlag } from "./flags.js";

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

/** The shared-store and Redis options of the cluster commands. */
export const clusterOptions = { store: { type: "string" }, redis: { type: "string" } } as const;

export function clusterFlags(ctx: CommandContext): { store?: string; redis?: string; executor?: string } {
  const [store, redis, executor] = ["store", "redis", "executor"].map((k) => stringFlag(ctx.values, k));
  return {
    ...(store !== undefined ? { store } : {}),
    ...(redis !== undefined ? { redis } : {}),
    ...(executor !== undefined ? { executor } : {}),
  };
}
