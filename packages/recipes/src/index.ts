export { defineRecipe } from "./recipe.js";
export type { Recipe, RecipeResult, RecipeTools } from "./recipe.js";
export {
  datasetName,
  musicFeaturesOf,
  recipeConfigFields,
  RecipeConfigsSchema,
  recipeName,
  recipeNames,
  runDataset,
  runRecipe,
} from "./datasetRecipes.js";
export type { RecipeConfigs, RecipeName } from "./datasetRecipes.js";
export { cutSamples, songTempoBpm, windowRows } from "./music.js";
export type { MusicAudio, MusicFeatures, MusicRequest, MusicWindow } from "./music.js";
export { musicFeaturesForDataset, samplingMusic } from "./datasetMusic.js";
export type { DatasetMusicOptions } from "./datasetMusic.js";
export { demoRecipe, DemoConfigSchema, runDemo } from "./demo/recipe.js";
export { demoMusicFeatures } from "./demo/musicFeatures.js";
export type { DemoConfig } from "./demo/recipe.js";
export { synthesizeLrc, synthesizeMotion, synthesizeSong } from "./demo/synth.js";
export { justlmdMusicFeatures, justlmdRecipe, JustlmdConfigSchema, runJustlmd } from "./justlmd.js";
export type { JustlmdConfig } from "./justlmd.js";
export { aistppMusicFeatures, aistppRecipe, AistppConfigSchema, runAistpp } from "./aistpp.js";
export type { AistppConfig } from "./aistpp.js";
export { clipGroup, indvMusicFeatures, indvRecipe, IndvConfigSchema, runIndv } from "./indv.js";
export type { IndvConfig } from "./indv.js";
export {
  EmptyDataset,
  InvalidConfig,
  isRecipesError,
  MusicFeaturesUnavailable,
  RecipeConfigIncomplete,
  UnknownRecipe,
} from "./errors.js";
export type { RecipesError } from "./errors.js";
export {
  ChoreoConfigSchema,
  loadConfig,
  openConfiguredStore,
  openSession,
  resolveCacheDir,
} from "./session.js";
export type { ChoreoConfig, Session, SessionFlags } from "./session.js";
