/**
 * Recipe dispatch: name → function that runs it on a build. Recipes not yet implemented say so clearly.
 */
import type { Build } from "@choreo/core";
import type { ChoreoConfig, RecipeName } from "../config.js";
import { runDemo } from "./demo/recipe.js";
import { runJustlmd } from "./justlmd.js";
import { runAistpp } from "./aistpp.js";
import type { RecipeResult } from "./recipe.js";

export class RecipeUnavailable extends Error {
  readonly _tag = "RecipeUnavailable";
  constructor(readonly recipe: string) {
    super(`[runner] recipe ${recipe} is not implemented yet (available: demo, justlmd, aistpp)`);
  }
}

/** The dataset name a recipe builds under (refs and the default output folder). */
export function datasetName(recipe: RecipeName, config: ChoreoConfig): string {
  return recipe === "demo" ? config.demo.name : recipe === "justlmd" ? config.justlmd.name : recipe === "aistpp" ? config.aistpp.name : recipe;
}

export async function runRecipe(recipe: RecipeName, b: Build, config: ChoreoConfig, tools: Record<string, string>): Promise<RecipeResult> {
  switch (recipe) {
    case "demo":
      return runDemo(b, config.demo, tools);
    case "justlmd":
      return runJustlmd(b, config.justlmd, tools);
    case "aistpp":
      return runAistpp(b, config.aistpp, tools);
    case "indv":
      throw new RecipeUnavailable(recipe);
  }
}
