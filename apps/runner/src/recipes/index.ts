/**
 * Recipe dispatch: name → the function that runs it on a build.
 */
import type { Build } from "@choreo/core";
import { datasetReportStage } from "@choreo/render";
import type { ChoreoConfig, RecipeName } from "../config.js";
import { runDemo } from "./demo/recipe.js";
import { runJustlmd } from "./justlmd.js";
import { runAistpp } from "./aistpp.js";
import { runIndv } from "./indv.js";
import type { RecipeResult } from "./recipe.js";

/** The dataset name a recipe builds under (refs and the default output folder). */
export function datasetName(recipe: RecipeName, config: ChoreoConfig): string {
  return recipe === "demo"
    ? config.demo.name
    : recipe === "justlmd"
      ? config.justlmd.name
      : recipe === "aistpp"
        ? config.aistpp.name
        : config.indv.name;
}

export async function runRecipe(
  recipe: RecipeName,
  b: Build,
  config: ChoreoConfig,
  tools: Record<string, string>,
): Promise<RecipeResult> {
  switch (recipe) {
    case "demo":
      return runDemo(b, config.demo, tools);
    case "justlmd":
      return runJustlmd(b, config.justlmd, tools);
    case "aistpp":
      return runAistpp(b, config.aistpp, tools);
    case "indv":
      return runIndv(b, config.indv, tools);
  }
}

/** The recipe followed by the dataset report (`report.html`), as build-dataset and status both walk it. */
export async function runDataset(
  recipe: RecipeName,
  b: Build,
  config: ChoreoConfig,
  tools: Record<string, string>,
): Promise<RecipeResult> {
  const built = await runRecipe(recipe, b, config, tools);
  const { report } = await b.run(datasetReportStage, {
    item: datasetName(recipe, config),
    params: {},
    inputs: { manifest: built.manifest, shards: built.shards },
  });
  return { ...built, files: [...built.files, { name: "report.html", artifact: report }] };
}
