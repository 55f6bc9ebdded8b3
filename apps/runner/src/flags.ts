/**
 * Declaring and reading the options commands share: string options by name, string values, and numbers
 * (optionally positive) from `--name VALUE` strings, with a RangeError naming the option and what was given.
 */

type FlagValue = string | boolean | (string | boolean)[] | undefined;

function shown(value: FlagValue): string {
  return Array.isArray(value) ? value.join(",") : `${value}`;
}

/** A number option; `undefined` when absent. */
export function numberFlag(
  value: FlagValue,
  name: string,
  options: { positive?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || (options.positive === true && !(n > 0))) {
    throw new RangeError(
      `[runner] --${name} must be a ${options.positive === true ? "positive " : ""}number, got ${shown(value)}`,
    );
  }
  return n;
}

/** A value shown in an error message. */
export function flagText(value: FlagValue): string {
  return shown(value);
}

/** `{ name: { type: "string" } }` for each name (node:util parseArgs options). */
export function stringOptions(...names: string[]): Record<string, { type: "string" }> {
  return Object.fromEntries(names.map((n) => [n, { type: "string" as const }]));
}

/** A string option's value; `undefined` when absent. */
export function stringFlag(values: Readonly<Record<string, FlagValue>>, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
