/**
 * The shape of one `choreo` subcommand. Each command lives in `commands/<name>.ts` and default-exports
 * `defineCommand({...})`; `cli.ts` lists them. Parsing uses node:util's parseArgs, so options are declared
 * the same way everywhere. A command returns its exit code; it does not call `process.exit` itself.
 */
import type { ParseArgsConfig } from "node:util";

export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

export interface CommandContext {
  /** Positional arguments after the command words. */
  readonly positionals: readonly string[];
  /** Parsed option values, as node:util parseArgs gives them. */
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

export interface Command {
  /** The command words, e.g. `["lrc", "slice"]` for `choreo lrc slice`. */
  readonly words: readonly string[];
  readonly usage: string;
  readonly describe: string;
  readonly options: CommandOptions;
  /**
   * The command stops by itself soon after `signal` aborts (train writes a checkpoint first); the CLI waits
   * for it. Other commands end at once on SIGINT/SIGTERM.
   */
  readonly stopsCleanly?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** Declares a subcommand (identity function, for typing). */
export function defineCommand(command: Command): Command {
  return command;
}
