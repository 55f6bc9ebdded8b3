/**
 * What every recipe ends with: normalization stats on the train windows, one shard per split, the manifest and
 * card, and the standard files (manifest.json, card.md, stats.json, <split>-00000.safetensors). Recipes pass
 * their windows by split and describe themselves; they add only their own extra files.
 */
import { metaString, type Artifact, type Build, type Json } from "@choreo/core";
import { manifestStage, normalizationStatsStage, shardStage, type ManifestParams } from "@choreo/dataset";
import { z } from "zod";
import { EmptyDataset } from "./errors.js";
import type { RecipeResult, RecipeTools } from "./recipe.js";

/** The config fields every recipe with song-level splits shares. */
export const splitConfigFields = {
  seed: z.number().int().default(0),
  valFraction: z.number().min(0).max(1).default(0.1),
  testFraction: z.number().min(0).max(1).default(0.1),
};

/**
 * The check of configs with `valFraction` and `testFraction` (a zod `superRefine`): their sum must stay
 * under 1, or no song is left to train on (and normalization stats come from the train split).
 */
export function checkSplitFractions(
  config: { readonly valFraction: number; readonly testFraction: number },
  ctx: z.RefinementCtx,
): void {
  const { valFraction, testFraction } = config;
  if (valFraction + testFraction < 1) return;
  ctx.addIssue({
    code: "custom",
    path: ["testFraction"],
    message: "expected valFraction + testFraction < 1 (songs must be left to train on)",
    input: valFraction + testFraction,
  });
}

/** Dataset names: they name folders and refs. */
export const datasetNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

export interface FinishOptions {
  readonly name: string;
  readonly recipe: string;
  readonly config: unknown;
  readonly tools: RecipeTools;
  readonly fps: number;
  readonly bySplit: Readonly<Record<string, readonly Artifact<"window">[]>>;
  readonly sources: Record<string, Json>[];
  readonly features: Record<string, string>;
  /** Names of each tensor's last-axis columns, where they have names (`music: BASELINE35_COLUMNS`). */
  readonly columns?: Record<string, readonly string[]>;
  readonly card: ManifestParams["card"];
  /** Extra files to materialise (exports). */
  readonly extra?: RecipeResult["files"];
}

/** EmptyDataset when there is nothing to train on: no windows at all, or none in train. */
function checkWindows(o: FinishOptions): void {
  const counts = Object.entries(o.bySplit).map(([split, w]) => `${split} ${w.length}`);
  const total = Object.values(o.bySplit).reduce((n, w) => n + w.length, 0);
  if (total === 0)
    throw new EmptyDataset(
      o.name,
      "no windows: every source is shorter than one window (windowSec / clipSec) or was skipped",
    );
  if ((o.bySplit.train ?? []).length === 0)
    throw new EmptyDataset(
      o.name,
      `no train windows (${counts.join(", ")}): too few songs for the val/test fractions`,
    );
}

export async function finishDataset(b: Build, o: FinishOptions): Promise<RecipeResult> {
  if (!b.dryRun) checkWindows(o);
  const { stats } = await b.run(normalizationStatsStage, {
    item: "train",
    params: {},
    inputs: { windows: o.bySplit.train ?? [] },
  });
  const shards = await Promise.all(
    Object.entries(o.bySplit).map(
      async ([split, windows]) =>
        (await b.run(shardStage, { item: split, params: { split }, inputs: { windows } })).shard,
    ),
  );
  const { manifest, card } = await b.run(manifestStage, {
    item: o.name,
    params: {
      name: o.name,
      recipe: o.recipe,
      config: o.config,
      tools: o.tools,
      fps: o.fps,
      sources: o.sources,
      features: o.features,
      columns: Object.fromEntries(Object.entries(o.columns ?? {}).map(([k, v]) => [k, [...v]])),
      card: o.card,
    },
    inputs: { shards, stats },
  });
  return {
    manifest,
    shards,
    files: [
      ...(o.extra ?? []),
      { name: "manifest.json", artifact: manifest },
      { name: "card.md", artifact: card },
      { name: "stats.json", artifact: stats },
      ...shards.map((s) => ({
        name: `${metaString(s.meta, "split", "split")}-00000.safetensors`,
        artifact: s,
      })),
    ],
  };
}
