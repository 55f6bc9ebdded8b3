/**
 * The recipes by name: the `<recipe>` sections of a config (each recipe's schema, with its defaults), the name
 * a recipe's dataset is built under, and the walk build-dataset and status share (the recipe, then the
 * dataset report), and the music features of new audio by the named recipe. It does not read files or flags.
 */
import type { Build } from "@choreo/core";
import { datasetReportStage } from "@choreo/render";
import { z } from "zod";
import { aistppRecipe, AistppConfigSchema } from "./aistpp.js";
import { demoRecipe, DemoConfigSchema } from "./demo/recipe.js";
import { UnknownRecipe } from "./errors.js";
import { indvRecipe, IndvConfigSchema } from "./indv.js";
import { justlmdRecipe, JustlmdConfigSchema } from "./justlmd.js";
import type { MusicAudio, MusicFeatures, MusicWindow } from "./music.js";
import type { RecipeResult, RecipeTools } from "./recipe.js";

export const recipeNames = ["demo", "justlmd", "aistpp", "indv"] as const;
export type RecipeName = (typeof recipeNames)[number];

/** The per-recipe sections of a config, each defaulted when absent. */
export const recipeConfigFields = {
  demo: DemoConfigSchema.default(DemoConfigSchema.parse({})),
  justlmd: JustlmdConfigSchema.default(JustlmdConfigSchema.parse({})),
  aistpp: AistppConfigSchema.default(AistppConfigSchema.parse({})),
  indv: IndvConfigSchema.default(IndvConfigSchema.parse({})),
};
export const RecipeConfigsSchema = z.object(recipeConfigFields);
export type RecipeConfigs = z.infer<typeof RecipeConfigsSchema>;

/** The recipe of that name; UnknownRecipe otherwise. */
export function recipeName(name: string): RecipeName {
  const found = recipeNames.find((r) => r === name);
  if (found === undefined) throw new UnknownRecipe(name, recipeNames);
  return found;
}

/** The dataset name a recipe builds under (refs and the default output folder). */
export function datasetName(recipe: RecipeName, configs: RecipeConfigs): string {
  return configs[recipe].name;
}

/** Runs the named recipe with its section of `configs`. */
export async function runRecipe(
  recipe: RecipeName,
  b: Build,
  configs: RecipeConfigs,
  tools: RecipeTools,
): Promise<RecipeResult> {
  switch (recipe) {
    case "demo":
      return demoRecipe.run(b, configs.demo, tools);
    case "justlmd":
      return justlmdRecipe.run(b, configs.justlmd, tools);
    case "aistpp":
      return aistppRecipe.run(b, configs.aistpp, tools);
    case "indv":
      return indvRecipe.run(b, configs.indv, tools);
  }
}

/** The recipe followed by the dataset report (`report.html`), as build-dataset and status both walk it. */
export async function runDataset(
  recipe: RecipeName,
  b: Build,
  configs: RecipeConfigs,
  tools: RecipeTools,
): Promise<RecipeResult> {
  const built = await runRecipe(recipe, b, configs, tools);
  const { report } = await b.run(datasetReportStage, {
    item: datasetName(recipe, configs),
    params: {},
    inputs: { manifest: built.manifest, shards: built.shards },
  });
  return { ...built, files: [...built.files, { name: "report.html", artifact: report }] };
}

/** The named recipe's music features of new audio, its config validated by the recipe's own schema. */
export function musicFeaturesOf(
  recipe: RecipeName,
  audio: MusicAudio,
  config: unknown,
  window?: MusicWindow,
): MusicFeatures {
  const w = window === undefined ? {} : { window };
  switch (recipe) {
    case "demo":
      return demoRecipe.musicFeatures(audio, { config: DemoConfigSchema.parse(config), ...w });
    case "justlmd":
      return justlmdRecipe.musicFeatures(audio, { config: JustlmdConfigSchema.parse(config), ...w });
    case "aistpp":
      return aistppRecipe.musicFeatures(audio, { config: AistppConfigSchema.parse(config), ...w });
    case "indv":
      return indvRecipe.musicFeatures(audio, { config: IndvConfigSchema.parse(config), ...w });
  }
}
