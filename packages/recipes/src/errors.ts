/**
 * Tagged errors of @choreo/recipes. Every message starts with `[recipes]`; a cause is attached where there is
 * one. These are misuse and misconfiguration (thrown); per-item failures of a build are the tagged errors of
 * the packages whose stages fail, recorded by the build.
 */
import { TaggedError } from "@choreo/core";

/** A recipe's config lacks what the recipe needs to run (e.g. `aistpp.annotations`). */
export class RecipeConfigIncomplete extends TaggedError {
  readonly _tag = "RecipeConfigIncomplete";
  constructor(
    readonly recipe: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[recipes] the ${recipe} recipe ${problem}`, options);
  }
}

/** A recipe name no module answers to (a config, a flag, or a dataset manifest's `recipe`). */
export class UnknownRecipe extends TaggedError {
  readonly _tag = "UnknownRecipe";
  constructor(
    readonly recipe: string,
    readonly known: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`[recipes] unknown recipe ${recipe} (known: ${known.join(", ")})`, options);
  }
}

/** Music features of new audio were asked for where the recipe cannot give them (e.g. no window fits). */
export class MusicFeaturesUnavailable extends TaggedError {
  readonly _tag = "MusicFeaturesUnavailable";
  constructor(
    readonly recipe: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[recipes] ${recipe} music features: ${problem}`, options);
  }
}

export type RecipesError =
  RecipeConfigIncomplete | UnknownRecipe | MusicFeaturesUnavailable | InvalidConfig | EmptyDataset;

const tags = new Set<string>([
  "RecipeConfigIncomplete",
  "UnknownRecipe",
  "MusicFeaturesUnavailable",
  "InvalidConfig",
  "EmptyDataset",
]);

/** True for any error raised by @choreo/recipes. */
export function isRecipesError(value: unknown): value is RecipesError {
  return typeof value === "object" && value !== null && tags.has((value as { _tag?: string })._tag ?? "");
}

/** A build that would write a dataset with nothing to train on (no windows, or none in train). */
export class EmptyDataset extends TaggedError {
  readonly _tag = "EmptyDataset";
  constructor(
    readonly dataset: string,
    readonly problem: string,
  ) {
    super(`[recipes] dataset ${dataset}: ${problem}`);
  }
}

/** A configuration file that cannot be used (misconfiguration), with the file named. */
export class InvalidConfig extends TaggedError {
  readonly _tag = "InvalidConfig";
  /** A config value: the CLI exits 2. */
  readonly usage = true;
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`[recipes] ${file}: ${problem}`, options);
  }
}
