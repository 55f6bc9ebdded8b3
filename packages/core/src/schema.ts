/**
 * Artifact contracts: the descriptor every stage takes and gives (`{ kind, digest, size, meta }`) and the zod
 * schemas of each kind's `meta`. Bytes live in the store; descriptors are small JSON values that cross
 * packages, worker threads and processes. Tensor-valued kinds store their bytes as safetensors.
 */
import { z } from "zod";
import { InvalidArtifact } from "./errors.js";

export const DigestSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, "a sha256:<64 hex> digest");

export const artifactKinds = [
  "media",
  "pcm",
  "pose2d",
  "joints3d",
  "smpl",
  "lyrics",
  "slices",
  "features",
  "embedding",
  "window",
  "stats",
  "shard",
  "manifest",
  "text",
  "json",
  "checkpoint",
  "report",
] as const;

export const ArtifactKindSchema = z.enum(artifactKinds);
export type ArtifactKind = z.infer<typeof ArtifactKindSchema>;

/** Metadata values are plain JSON. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonSchema),
    z.record(z.string(), JsonSchema),
  ]),
);

export const ArtifactSchema = z.object({
  kind: ArtifactKindSchema,
  digest: DigestSchema,
  size: z.number().int().nonnegative(),
  meta: z.record(z.string(), JsonSchema),
});

/** An immutable artifact: its bytes are the store blob named by `digest`. */
export interface Artifact<TKind extends ArtifactKind = ArtifactKind> {
  readonly kind: TKind;
  readonly digest: `sha256:${string}`;
  readonly size: number;
  readonly meta: Readonly<Record<string, Json>>;
}

/** A meta value as text: strings as they are, numbers and booleans printed, anything else the fallback. */
export function metaString(meta: Readonly<Record<string, Json>>, key: string, fallback: string): string {
  const v = meta[key];
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : fallback;
}

/** `media`: a video or audio file as it came. */
export const MediaMetaSchema = z.looseObject({
  container: z.string().optional(),
  durationSec: z.number().optional(),
});
/** `pcm`: float32 little-endian samples, interleaved when channels > 1. */
export const PcmMetaSchema = z.looseObject({
  sampleRateHz: z.number().positive(),
  channels: z.number().int().positive(),
});
/** `smpl`: safetensors with `poses` (T,72) axis-angle, `trans` (T,3). */
export const SmplMetaSchema = z.looseObject({
  fps: z.number().positive(),
  frames: z.number().int().nonnegative(),
  convention: z.enum(["aistpp", "easymocap"]),
  scaling: z.number().positive(),
});
/** `pose2d`: safetensors with `poses` (T,J,3: x, y, score) of a named skeleton. */
export const Pose2dMetaSchema = z.looseObject({
  frames: z.number().int().nonnegative(),
  skeleton: z.string(),
  fps: z.number().positive().nullable().optional(),
  widthPx: z.number().positive().nullable().optional(),
  heightPx: z.number().positive().nullable().optional(),
});
/** `joints3d`: safetensors with `joints` (T,J,3) in metres. */
export const Joints3dMetaSchema = z.looseObject({
  frames: z.number().int().nonnegative(),
  skeleton: z.string(),
  fps: z.number().positive().nullable().optional(),
});
/** `features`: safetensors with `features` (T,F) float32 of a named feature set, columns named when known. */
export const FeaturesMetaSchema = z.looseObject({
  name: z.string(),
  fps: z.number().positive(),
  featureSet: z.string(),
  frames: z.number().int().nonnegative(),
  dims: z.number().int().nonnegative(),
  columns: z.array(z.string()).optional(),
});
/** `window`: one dataset item's tensors (safetensors), with its id. */
export const WindowMetaSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string().nullable().optional(),
});
/** `shard`: stacked items (safetensors): a split's (with split and items), or an export's. */
export const ShardMetaSchema = z.looseObject({
  split: z.string().min(1).optional(),
  items: z.number().int().nonnegative().optional(),
});

/** The meta schema of each kind that has one; artifacts of these kinds are checked when written and read typed. */
export const kindMetaSchemas = {
  media: MediaMetaSchema,
  pcm: PcmMetaSchema,
  smpl: SmplMetaSchema,
  pose2d: Pose2dMetaSchema,
  joints3d: Joints3dMetaSchema,
  features: FeaturesMetaSchema,
  window: WindowMetaSchema,
  shard: ShardMetaSchema,
} as const;
export type KindWithMeta = keyof typeof kindMetaSchemas;
export type MetaOf<TKind extends KindWithMeta> = z.output<(typeof kindMetaSchemas)[TKind]>;

function hasMetaSchema(kind: ArtifactKind): kind is KindWithMeta {
  return kind in kindMetaSchemas;
}

/** Checks `meta` against its kind's schema (kinds without one pass); `InvalidArtifact` names the field. */
export function validateMeta(
  kind: ArtifactKind,
  meta: Readonly<Record<string, Json>>,
  what = `a ${kind} artifact`,
): void {
  if (!hasMetaSchema(kind)) return;
  const parsed = kindMetaSchemas[kind].safeParse(meta);
  if (!parsed.success)
    throw new InvalidArtifact(
      what,
      `meta does not match the ${kind} schema (${describeZodIssues(parsed.error)})`,
      { cause: parsed.error },
    );
}

/** An artifact's meta, validated and typed by its kind: `metaOf(smpl, "smpl").fps`. */
export function metaOf<TKind extends KindWithMeta>(artifact: Artifact, kind: TKind): MetaOf<TKind> {
  if (artifact.kind !== kind)
    throw new InvalidArtifact(
      `${artifact.kind} ${artifact.digest.slice(0, 19)}`,
      `expected a ${kind} artifact`,
    );
  const parsed = kindMetaSchemas[kind].safeParse(artifact.meta);
  if (!parsed.success) {
    throw new InvalidArtifact(
      `${kind} ${artifact.digest.slice(0, 19)}`,
      `meta does not match the ${kind} schema (${describeZodIssues(parsed.error)})`,
      { cause: parsed.error },
    );
  }
  return parsed.data as MetaOf<TKind>;
}
/** `lyrics`: JSON `{ lines: [{ startSec, endSec, text }] }`. */
export const LyricsSchema = z.object({
  lines: z.array(z.object({ startSec: z.number(), endSec: z.number(), text: z.string() })),
});
export type Lyrics = z.infer<typeof LyricsSchema>;
/** `slices`: JSON list of items cut from one source. */
export const SliceSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  startSec: z.number().nonnegative(),
  durationSec: z.number().positive(),
  text: z.string().optional(),
});
export const SlicesSchema = z.object({ items: z.array(SliceSchema) });
export type Slice = z.infer<typeof SliceSchema>;
export type Slices = z.infer<typeof SlicesSchema>;

/** `path: message` for each issue of a zod error, on one line. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}

/** Parses an artifact's bytes as JSON and validates them; `InvalidArtifact` names the artifact and the problem. */
export function parseArtifactJson<TSchema extends z.ZodType>(
  artifact: Artifact,
  bytes: Uint8Array,
  schema: TSchema,
): z.output<TSchema> {
  const name = `${artifact.kind} ${artifact.digest.slice(0, 19)}`;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (cause) {
    throw new InvalidArtifact(name, "is not JSON", { cause });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArtifact(name, `does not match its schema (${describeZodIssues(parsed.error)})`, {
      cause: parsed.error,
    });
  return parsed.data;
}
