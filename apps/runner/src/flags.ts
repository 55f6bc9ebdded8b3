/**
 * Declaring and reading the options commands share: string options by name, string values, and numbers
 * (optionally positive, integer) from `--name VALUE` strings, refused with @choreo/core's InvalidOption
 * (`--fps: expected a number > 0, got 0`; the CLI exits 2).
 */
import { parseNumberOption } from "@choreo/core";
import { z } from "zod";

type FlagValue = string | boolean | (string | boolean)[] | undefined;

function shown(value: FlagValue): string {
  return Array.isArray(value) ? value.join(",") : `${value}`;
}

/** A number option; `undefined` when absent. */
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
