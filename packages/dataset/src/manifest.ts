/**
 * The dataset manifest (`manifest.json`): one zod schema for the stage that writes it and for every reader
 * (trainers, the renderer, `choreo inspect`, sampling). Feature columns are named per tensor (`columns.music =
 * ["onset_env", "mfcc_0", …]`), so a consumer picks a column by name and a missing one is a clear error rather than
 * a silent wrong index. Reading validates; nothing here reads the shards themselves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import {
  assertRegularFile,
  DigestSchema,
  formatZodIssues,
  JsonSchema,
  parseJsonText,
  type InvalidJsonFile,
} from "@choreo/core";
import { InvalidManifest, MissingColumn } from "./errors.js";

export const ManifestTensorSchema = z.object({
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
});

export const ManifestSplitSchema = z.object({
  file: z.string().regex(/^[^/\\]+\.safetensors$/, "a shard file name in the dataset folder"),
  digest: DigestSchema,
  bytes: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  tensors: z.record(z.string(), ManifestTensorSchema),
});

/** Per-column statistics of the train split (`stats.json`, and `normalization` in the manifest). */
export const ColumnStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  mean: z.array(z.number()),
  std: z.array(z.number()),
  min: z.array(z.number()),
  max: z.array(z.number()),
});
export const NormalizationSchema = z.record(z.string(), ColumnStatsSchema);

export const ManifestSchema = z.object({
  format: z.literal("choreo-dataset-v1"),
  name: z.string().min(1),
  recipe: z.string().min(1),
  config: JsonSchema,
  fps: z.number().positive(),
  splits: z.record(z.string(), ManifestSplitSchema),
  /** A sentence per tensor: what it holds. */
  features: z.record(z.string(), z.string()),
  /** Names of the last-axis columns per tensor (absent for tensors without named columns). */
  columns: z.record(z.string(), z.array(z.string())).default({}),
  normalization: NormalizationSchema,
  sources: z.array(z.record(z.string(), JsonSchema)),
  dropped: z.record(z.string(), z.number()).default({}),
  tools: z.record(z.string(), z.string()),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestInput = z.input<typeof ManifestSchema>;

/** Validates a parsed manifest; `file` names it in errors. */
export function parseManifest(value: unknown, file: string): Manifest {
  const parsed = ManifestSchema.safeParse(value, { reportInput: true });
  if (!parsed.success)
    throw new InvalidManifest(
      file,
      `not a choreo dataset manifest: ${formatZodIssues(parsed.error.issues)}`,
      {
        cause: parsed.error,
      },
    );
  for (const [tensor, names] of Object.entries(parsed.data.columns)) {
    for (const [split, entry] of Object.entries(parsed.data.splits)) {
      const t = entry.tensors[tensor];
      if (t !== undefined && t.shape.at(-1) !== names.length) {
        throw new InvalidManifest(
          file,
          `columns.${tensor} names ${names.length} columns but ${split}'s ${tensor} has ${t.shape.at(-1)}`,
        );
      }
    }
  }
  return parsed.data;
}

/** Reads and validates `<dir>/manifest.json`. */
export function readManifest(dir: string): Manifest {
  const file = join(dir, "manifest.json");
  let text: string;
  try {
    assertRegularFile(file);
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new InvalidManifest(
      file,
      "cannot be read (is this a dataset folder? build one with `choreo build-dataset`)",
      { cause },
    );
  }
  let value: unknown;
  try {
    value = parseJsonText(text, file); // bounded nesting, the file named
  } catch (cause) {
    throw new InvalidManifest(file, (cause as InvalidJsonFile).problem, { cause });
  }
  return parseManifest(value, file);
}

/** The index of a named column of a tensor; `MissingColumn` when the manifest does not name it. */
export function columnIndex(
  manifest: { readonly columns: Readonly<Record<string, readonly string[]>> },
  tensor: string,
  column: string,
): number {
  const names = manifest.columns[tensor] ?? [];
  const at = names.indexOf(column);
  if (at < 0) throw new MissingColumn(tensor, column, names);
  return at;
}
