export { defineCommand } from "@choreo/core";
export type { Command, CommandContext, CommandOptions } from "@choreo/core";
