/**
 * One way to read JSON inputs (configs, manifests, checkpoints' metadata): refuses non-regular files up
 * front, bounds nesting before parsing (a 200k-deep document is an error, not a stack overflow later in
 * schema validation or canonical JSON), names the file in every parse or schema error and renders zod
 * issues as `field: expected ..., got ...`. It does not read artifacts from the store (`readJson` does).
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { InvalidJsonFile } from "./errors.js";
import { assertRegularFile } from "./regularFile.js";
import { formatZodIssues } from "./zodIssues.js";

/** Default bound on nesting of arrays and objects. */
export const maxJsonDepth = 200;

/** The deepest nesting of arrays/objects in `text`, stopping as soon as it passes `limit`. */
function depthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/** Parses JSON text from `file` (used in messages) and, with a schema, validates it. */
export function parseJsonText<TSchema extends z.ZodType = z.ZodType<unknown>>(
  text: string,
  file: string,
  schema?: TSchema,
  options: { maxDepth?: number } = {},
): z.output<TSchema> {
  const maxDepth = options.maxDepth ?? maxJsonDepth;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (depthExceeds(body, maxDepth))
    throw new InvalidJsonFile(file, `JSON nests deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new InvalidJsonFile(file, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (schema === undefined) return value as z.output<TSchema>;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success)
    throw new InvalidJsonFile(file, formatZodIssues(parsed.error.issues), { cause: parsed.error });
  return parsed.data;
}

/** Reads and parses a JSON file (see `parseJsonText`); unreadable files are InvalidJsonFile too. */
export function readJsonFile<TSchema extends z.ZodType = z.ZodType<unknown>>(
  path: string,
  schema?: TSchema,
  options: { maxDepth?: number } = {},
): z.output<TSchema> {
  assertRegularFile(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new InvalidJsonFile(
      path,
      code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(cause)})`,
      { cause },
    );
  }
  return parseJsonText(text, path, schema, options);
}
