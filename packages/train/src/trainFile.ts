/**
 * A training config file, `{ "model": {...}, "train": {...} }` (`choreo train --config F`), read through
 * @choreo/core's JSON reader and checked here, with the file named in every error: the `train` section against
 * the strict `TrainConfig`, the `model` section's keys against the model kind's schema (its values are
 * validated by `train`, once the dataset gives the input widths). Unknown keys are errors.
 */
import { formatZodIssues, isTagged, issuePath, readJsonFile, type InvalidJsonFile } from "@choreo/core";
import { ModelConfig } from "@choreo/models";
import { TrainConfigInvalid } from "./errors.js";
import { TrainConfig, TrainFile } from "./schema.js";

function readSections(file: string): { model: Record<string, unknown>; train: Record<string, unknown> } {
  try {
    return readJsonFile(file, TrainFile);
  } catch (error) {
    if (isTagged(error, "InvalidJsonFile"))
      throw new TrainConfigInvalid(file, (error as InvalidJsonFile).problem, { cause: error });
    throw error;
  }
}

/** Keys of the `model` section no model kind (or not the one it names) has. */
function unknownModelKeys(model: Record<string, unknown>): string[] {
  const kinds = ModelConfig.options.filter(
    (o) => model.model === undefined || o.shape.model.value === model.model,
  );
  const known = new Set(kinds.flatMap((o) => Object.keys(o.shape)));
  return Object.keys(model).filter((k) => !known.has(k));
}

/** The model and train sections of a config file (both empty without a file); TrainConfigInvalid otherwise. */
export function readTrainFile(file: string | undefined): {
  model: Record<string, unknown>;
  train: Record<string, unknown>;
} {
  if (file === undefined) return { model: {}, train: {} };
  const sections = readSections(file);
  const train = TrainConfig.safeParse(sections.train, { reportInput: true });
  if (!train.success) {
    const problem = formatZodIssues(train.error.issues, { name: (path) => issuePath(["train", ...path]) });
    throw new TrainConfigInvalid(file, problem, { cause: train.error });
  }
  const kind = sections.model.model;
  if (kind !== undefined && !ModelConfig.options.some((o) => o.shape.model.value === kind)) {
    const kinds = ModelConfig.options.map((o) => o.shape.model.value).join(", ");
    throw new TrainConfigInvalid(file, `model.model: expected one of ${kinds}, got ${JSON.stringify(kind)}`);
  }
  const unknown = unknownModelKeys(sections.model);
  if (unknown.length > 0)
    throw new TrainConfigInvalid(
      file,
      `model: unknown key${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}`,
    );
  return sections;
}
