/**
 * A command line of subcommands (`choreo build-dataset ...`): the shape of one subcommand, the helpers that
 * read its options, and `runCommandLine`, which finds the command by its words, answers `--help` from the
 * command's declared usage and options, parses options with node:util's parseArgs, wires SIGINT and SIGTERM
 * to a clean stop (one line; commands that stop cleanly get their signal aborted, the others end at once; a
 * second signal always ends at once; exit 130 for SIGINT, 143 for SIGTERM) and returns the command's exit
 * code: errors print one line, exit 2 for misuse (a bad flag or config value) and 1 otherwise. A command
 * returns its exit code; it does not call `process.exit` itself.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { formatCommandHelp, formatCommandIndex } from "./commandHelp.js";
import { describeCause } from "./errors.js";
import { exitCodeOf } from "./taggedError.js";
import { parseNumberOption } from "./numberOption.js";

export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;
type FlagValue = string | boolean | (string | boolean)[] | undefined;

export interface CommandContext {
  /** Positional arguments after the command words. */
  readonly positionals: readonly string[];
  /** Parsed option values, as node:util parseArgs gives them. */
  readonly values: Record<string, FlagValue>;
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
   * The command stops by itself soon after `signal` aborts (train writes a checkpoint first); the command
   * line waits for it. Other commands end at once on SIGINT/SIGTERM.
   */
  readonly stopsCleanly?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** Declares a subcommand (identity function, for typing). */
export function defineCommand(command: Command): Command {
  return command;
}

const shown = (value: FlagValue): string => (Array.isArray(value) ? value.join(",") : `${value}`);

/** A number option (`--name VALUE`), refused with InvalidOption (`--fps: expected a number > 0, got 0`). */
export function numberFlag(
  value: FlagValue,
  name: string,
  options: { positive?: boolean; integer?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  let schema = options.integer === true ? z.number().int() : z.number();
  if (options.positive === true) schema = schema.positive();
  return parseNumberOption(typeof value === "string" ? value : shown(value), `--${name}`, schema);
}

/** A value shown in an error message. */
export const flagText = shown;

/** `{ name: { type: "string" } }` for each name (node:util parseArgs options). */
export function stringOptions(...names: string[]): Record<string, { type: "string" }> {
  return Object.fromEntries(names.map((n) => [n, { type: "string" as const }]));
}

/** A string option's value; `undefined` when absent. */
export function stringFlag(values: Readonly<Record<string, FlagValue>>, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** 128 + the signal number, as shells report a process a signal ended. */
const signalExitCode = (signal: NodeJS.Signals): number => (signal === "SIGTERM" ? 143 : 130);

/** Runs the command `argv` names among `commands` (the program is `name`); resolves to the exit code. */
export async function runCommandLine(
  name: string,
  commands: readonly Command[],
  argv: readonly string[],
): Promise<number> {
  const command = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  const asked = argv.length === 0 || argv.includes("--help");
  if (command === undefined) {
    const help = formatCommandIndex(name, commands);
    process.stderr.write(asked ? help : `unknown command: ${argv.join(" ")}\n\n${help}`);
    return asked ? 0 : 2;
  }
  if (asked) {
    process.stdout.write(formatCommandHelp(command));
    return 0;
  }
  const controller = new AbortController();
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signalExitCode(signal);
    if (interruptedBy !== undefined || command.stopsCleanly !== true) {
      if (interruptedBy === undefined) process.stderr.write(`interrupted by ${signal}\n`);
      process.exit(code);
    }
    interruptedBy = signal;
    process.stderr.write(`interrupted by ${signal}: stopping cleanly (a second signal quits at once)\n`);
    controller.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(command.words.length),
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${command.usage}\n`);
    return 2;
  }
  try {
    const code = await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      stdout: process.stdout,
      stderr: process.stderr,
      signal: controller.signal,
    });
    return interruptedBy === undefined ? code : signalExitCode(interruptedBy);
  } catch (error) {
    // What a command throws after an interrupt (a cancelled encode, say) is the interrupt's doing, said already.
    if (interruptedBy !== undefined) return signalExitCode(interruptedBy);
    process.stderr.write(`${describeCause(error).replace(/\s*\n\s*/g, " ")}\n`);
    return exitCodeOf(error);
  }
}
