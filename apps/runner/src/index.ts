export { defineCommand } from "./command.js";
export type { Command, CommandContext, CommandOptions } from "./command.js";
