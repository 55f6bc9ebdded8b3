/**
 * JSON text of an ingested file, through core's one JSON reader (bounded nesting, zod issues rendered as
 * `field: expected ..., got ...`), reported as ingest's InvalidFormat naming the file.
 */
import { isTagged, parseJsonText, type InvalidJsonFile } from "@choreo/core";
import type { z } from "zod";
import { InvalidFormat } from "../errors.js";

/** Parses (and with a schema, validates) the JSON `text` of `file`; InvalidFormat on any problem. */
export function parseJsonAs<TSchema extends z.ZodType = z.ZodType<unknown>>(
  text: string,
  file: string,
  schema?: TSchema,
): z.output<TSchema> {
  try {
    return parseJsonText(text, file, schema);
  } catch (error) {
    if (isTagged(error, "InvalidJsonFile"))
      throw new InvalidFormat(file, (error as InvalidJsonFile).problem, { cause: error });
    throw error;
  }
}
