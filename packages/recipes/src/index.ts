export { defineRecipe } from "./recipe.js";
export type { Recipe, RecipeResult, RecipeTools } from "./recipe.js";
export {
  datasetName,
  recipeConfigFields,
  RecipeConfigsSchema,
  recipeName,
  recipeNames,
  runDataset,
  runRecipe,
} from "./datasetRecipes.js";
export type { RecipeConfigs, RecipeName } from "./datasetRecipes.js";
export { demoRecipe, DemoConfigSchema, runDemo } from "./demo/recipe.js";
export type { DemoConfig } from "./demo/recipe.js";
export { synthesizeLrc, synthesizeMotion, synthesizeSong } from "./demo/synth.js";
export { justlmdRecipe, JustlmdConfigSchema, runJustlmd } from "./justlmd.js";
export type { JustlmdConfig } from "./justlmd.js";
export { aistppRecipe, AistppConfigSchema, runAistpp } from "./aistpp.js";
export type { AistppConfig } from "./aistpp.js";
export { clipGroup, indvRecipe, IndvConfigSchema, runIndv } from "./indv.js";
export type { IndvConfig } from "./indv.js";
export { isRecipesError, MusicFeaturesUnavailable, RecipeConfigIncomplete, UnknownRecipe } from "./errors.js";
export type { RecipesError } from "./errors.js";
