/**
 * The stage API: `defineStage` declares a pure step from input artifacts and params to output artifacts.
 * A stage never sees paths of other stages or the cache; it reads inputs and writes outputs through its
 * context, and whatever it returns is committed as one action. Bump `version` whenever the bytes it writes
 * would change (the stage lock test in `@choreo/core/testing` enforces it).
 */
import { InvalidStageUse } from "./errors.js";
import type { z } from "zod";
import type { Artifact, ArtifactKind, Json } from "./schema.js";
import type { Tensor } from "./safetensors.js";

/** An input or output slot: one artifact of a kind, or a list (`["window"]`) for gathers. */
export type KindSpec = ArtifactKind | readonly [ArtifactKind];
export type SlotSpecs = Readonly<Record<string, KindSpec>>;

export type ArtifactsOf<TSpecs extends SlotSpecs> = {
  readonly [K in keyof TSpecs]: TSpecs[K] extends readonly [infer TKind extends ArtifactKind]
    ? readonly Artifact<TKind>[]
    : TSpecs[K] extends ArtifactKind
      ? Artifact<TSpecs[K]>
      : never;
};

export interface Resources {
  readonly cpu?: number;
  readonly gpu?: number;
  readonly net?: number;
}

/** What a stage's `run` may do besides compute. */
export interface StageContext {
  readonly signal: AbortSignal;
  /** The item this action belongs to. */
  readonly item: string;
  read(artifact: Artifact): Uint8Array;
  readText(artifact: Artifact): string;
  /** The artifact's JSON, validated by `schema` (`InvalidArtifact` when it does not match). */
  readJson<TSchema extends z.ZodType>(artifact: Artifact, schema: TSchema): z.output<TSchema>;
  readTensors(artifact: Artifact): Record<string, Tensor>;
  /** A read-only path of the artifact's blob, for tools that want a file (ffmpeg). */
  pathOf(artifact: Artifact): string;
  write<TKind extends ArtifactKind>(
    kind: TKind,
    bytes: Uint8Array,
    meta?: Record<string, Json>,
  ): Artifact<TKind>;
  writeText<TKind extends ArtifactKind>(
    kind: TKind,
    text: string,
    meta?: Record<string, Json>,
  ): Artifact<TKind>;
  /** Writes `value` as canonical JSON (`CanonicalJsonError` for what JSON cannot carry; undefined properties are omitted). */
  writeJson<TKind extends ArtifactKind>(
    kind: TKind,
    value: unknown,
    meta?: Record<string, Json>,
  ): Artifact<TKind>;
  writeTensors<TKind extends ArtifactKind>(
    kind: TKind,
    tensors: Readonly<Record<string, Tensor>>,
    meta?: Record<string, Json>,
  ): Artifact<TKind>;
  /** Imports a file a tool wrote (e.g. ffmpeg output) into the store. */
  importFile<TKind extends ArtifactKind>(
    kind: TKind,
    path: string,
    meta?: Record<string, Json>,
  ): Promise<Artifact<TKind>>;
  /** A fresh scratch directory, removed after the action. */
  scratchDir(): string;
  log(message: string): void;
}

export interface StageDefinition<TParams extends z.ZodType, TIn extends SlotSpecs, TOut extends SlotSpecs> {
  /** `<package>.<step>`, stable: it enters every key. */
  readonly id: string;
  /** Bump when the bytes written would change. */
  readonly version: number;
  readonly params: TParams;
  readonly inputs: TIn;
  readonly outputs: TOut;
  readonly resources?: Resources;
  /**
   * `import.meta.url` of a module that exports this stage. When set (and threads are on), the scheduler
   * runs the stage in a worker thread so CPU-bound work uses every core.
   */
  readonly entry?: string;
  /** Versions of external tools and model digests that change what the stage writes; they enter the key. */
  readonly tools?: () => Record<string, string>;
  run(args: {
    readonly inputs: ArtifactsOf<TIn>;
    readonly params: z.output<TParams>;
    readonly item: string;
    readonly ctx: StageContext;
  }): Promise<ArtifactsOf<TOut>>;
}

/** A defined stage (what `defineStage` returns). */
export type Stage<
  TParams extends z.ZodType = z.ZodType,
  TIn extends SlotSpecs = SlotSpecs,
  TOut extends SlotSpecs = SlotSpecs,
> = StageDefinition<TParams, TIn, TOut> & { readonly __stage: true };

/** Declares a stage. */
export function defineStage<TParams extends z.ZodType, TIn extends SlotSpecs, TOut extends SlotSpecs>(
  definition: StageDefinition<TParams, TIn, TOut>,
): Stage<TParams, TIn, TOut> {
  if (!/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/.test(definition.id)) {
    throw new InvalidStageUse(definition.id, 'its id must look like "package.step"');
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new InvalidStageUse(definition.id, "version must be a positive integer");
  }
  return { ...definition, __stage: true };
}

/** True for a value made by `defineStage`. */
export function isStage(value: unknown): value is Stage {
  return typeof value === "object" && value !== null && (value as { __stage?: unknown }).__stage === true;
}
