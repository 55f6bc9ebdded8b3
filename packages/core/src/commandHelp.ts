/**
 * The help texts of a command line: the index of its subcommands (usage line and description each), and one
 * subcommand's `--help`, from what the command declares: its usage line, its description and its options
 * (node:util parseArgs's options). Every declared option is listed, with the value its usage line shows for it
 * (`--steps N`), else `VALUE` for a string option; so help cannot miss a flag the parser accepts. It parses
 * nothing and prints nothing.
 */

/** What `formatCommandHelp` reads of a command (node:util parseArgs's option config fits). */
export interface CommandHelpInput {
  readonly usage: string;
  readonly describe: string;
  readonly options: Readonly<
    Record<string, { readonly type: "string" | "boolean"; readonly multiple?: boolean | undefined }>
  >;
}

/** `usage: …`, the description, and one line per option (`--name VALUE`, repeatable ones marked). */
export function formatCommandHelp(command: CommandHelpInput): string {
  const flags = Object.entries(command.options).map(([name, option]) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // The word after `--name` (`a|b` alternatives too, up to a `|--other` alternative flag).
    const value = `([^\\s[\\]-](?:[^\\s[\\]|]|\\|(?!-))*)`;
    const shown = new RegExp(`(?:^|[\\s[|])--${escaped}(?=[\\s\\]=|]|$)[ =]?${value}?`).exec(
      command.usage,
    )?.[1];
    const shownValue = option.type === "string" ? ` ${shown ?? "VALUE"}` : "";
    return `  --${name}${shownValue}${option.multiple === true ? " (repeatable)" : ""}`;
  });
  return [`usage: ${command.usage}`, command.describe, "", "options:", ...flags, "  --help", ""].join("\n");
}

/** `usage: <program> <command> [options]`, then each command's usage line and description. */
export function formatCommandIndex(program: string, commands: readonly CommandHelpInput[]): string {
  const entries = commands.map((c) => `  ${c.usage}\n      ${c.describe}`);
  return [`usage: ${program} <command> [options]`, "", ...entries, ""].join("\n");
}
