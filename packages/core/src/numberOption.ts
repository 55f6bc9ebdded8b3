/**
 * One number from the command line (`--fps 30`), checked against a zod schema and refused with
 * `InvalidOption` in the `flag: expected ..., got ...` form (`--fps: expected a number > 0, got 0`). Text
 * that is not a number is shown as given (`--seed: expected an integer, got "abc"`). It parses no other
 * kinds of option; commands declare those with node:util's parseArgs.
 */
import { z } from "zod";
import { InvalidOption } from "./errors.js";
import { formatZodIssues } from "./zodIssues.js";

/** Constraints of a number option, as zod builds them: `z.number().int().positive()`. */
export type NumberSchema = z.ZodType<number, number>;

/** `text` as a number allowed by `schema` (default: any finite number); undefined when absent. */
export function parseNumberOption(
  text: string | undefined,
  flag: string,
  schema: NumberSchema = z.number(),
): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === "" ? Number.NaN : Number(text);
  // "NaN" and "Infinity" are numbers to Number() but not to z.number(); other text stays text for the message.
  const input = Number.isNaN(n) && text.trim() !== "NaN" ? text : n;
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidOption(flag, formatZodIssues(parsed.error.issues, { name: () => "" }), {
    cause: parsed.error,
  });
}
