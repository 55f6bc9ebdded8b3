export { defineCommand } from "./command.js";
export type { Command, CommandContext, CommandOptions } from "./command.js";
export { ChoreoConfigSchema, loadConfig, resolveCacheDir } from "./config.js";
export type { ChoreoConfig } from "./config.js";
