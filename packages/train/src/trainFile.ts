/**
 * A training config file, `{ "model": {...}, "train": {...} }` (`choreo train --config F`), read and checked
 * against `TrainFile`; the sections themselves are validated by `train` with the model's and trainer's schemas.
 */
import { readFileSync } from "node:fs";
import { TrainConfigInvalid } from "./errors.js";
import { TrainFile } from "./schema.js";

/** The model and train sections of a config file (both empty without a file); TrainConfigInvalid otherwise. */
export function readTrainFile(file: string | undefined): {
  model: Record<string, unknown>;
  train: Record<string, unknown>;
} {
  if (file === undefined) return { model: {}, train: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new TrainConfigInvalid(file, "unreadable or not JSON", { cause });
  }
  const parsed = TrainFile.safeParse(raw);
  if (!parsed.success) throw new TrainConfigInvalid(file, parsed.error.message, { cause: parsed.error });
  return parsed.data;
}
