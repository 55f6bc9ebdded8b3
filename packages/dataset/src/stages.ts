/**
 * The dataset stages every recipe ends with: normalization stats over the train windows, one safetensors
 * shard per split (stacked tensors; ragged ones concatenated with `<name>.offsets`), and the manifest + card.
 * A `window` artifact is a safetensors blob of named tensors with `meta.id` (and optional `meta.text`).
 */
import { join } from "node:path";
import { z } from "zod";
import { defineStage, JsonSchema, metaString, type Artifact, type Json } from "@choreo/core";
import { columnStats } from "./normalization.js";
import { renderCard } from "./card.js";
import { NormalizationSchema, parseManifest } from "./manifest.js";
import { planShard } from "./shardPlan.js";
import { openShardWriter } from "./shardWriter.js";
import { readSafetensorsHeader } from "./shardHeader.js";

const entry = import.meta.url;

function byId(windows: readonly Artifact[]): Artifact[] {
  const id = (a: Artifact): string => metaString(a.meta, "id", "");
  return [...windows].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

export const normalizationStatsStage = defineStage({
  id: "dataset.stats",
  version: 2,
  params: z.object({}),
  inputs: { windows: ["window"] },
  outputs: { stats: "stats" },
  entry,
  run: async ({ inputs, ctx }) => {
    const windows = byId(inputs.windows);
    const names =
      windows.length === 0 ? [] : Object.keys(readSafetensorsHeader(ctx.pathOf(windows[0]!)).tensors);
    const out: Record<string, Json> = {};
    for (const name of names) {
      // Columns are the last axis of float tensors of rank ≥ 2; 1-D series (audio, envelopes) have no columns.
      const arrays = windows
        .map((w) => ctx.readTensors(w)[name]!)
        .filter((t) => t.dtype === "F32" && t.shape.length >= 2);
      if (arrays.length === 0) continue;
      const dims = arrays[0]!.shape.at(-1) ?? 1;
      const s = columnStats(
        arrays.map((a) => a.data as Float32Array),
        dims,
      );
      out[name] = { count: s.count, mean: [...s.mean], std: [...s.std], min: [...s.min], max: [...s.max] };
    }
    return { stats: ctx.writeJson("stats", out, { computedOn: "train", windows: windows.length }) };
  },
});

export const shardStage = defineStage({
  id: "dataset.shard",
  version: 1,
  params: z.object({ split: z.string() }),
  inputs: { windows: ["window"] },
  outputs: { shard: "shard" },
  entry,
  run: async ({ inputs, params, ctx }) => {
    const windows = byId(inputs.windows);
    const plan = planShard(windows.map((w) => readSafetensorsHeader(ctx.pathOf(w)).tensors));
    const metadata: Record<string, string> = {
      format: "choreo-shard-v1",
      split: params.split,
      ids: JSON.stringify(windows.map((w) => w.meta.id ?? null)),
      texts: JSON.stringify(windows.map((w) => w.meta.text ?? null)),
    };
    const path = join(ctx.scratchDir(), "shard.safetensors");
    const writer = openShardWriter(path, plan.specs, metadata);
    try {
      windows.forEach((w, i) => {
        const tensors = ctx.readTensors(w);
        for (const t of plan.tensors) writer.write(t.name, t.elementOffsets[i]!, tensors[t.name]!.data);
      });
      for (const [name, offsets] of plan.offsets) writer.write(name, 0, offsets);
    } finally {
      writer.close();
    }
    return { shard: await ctx.importFile("shard", path, { split: params.split, items: windows.length }) };
  },
});

export const ManifestParamsSchema = z.object({
  name: z.string(),
  recipe: z.string(),
  config: JsonSchema,
  tools: z.record(z.string(), z.string()),
  fps: z.number().positive(),
  sources: z.array(z.record(z.string(), JsonSchema)),
  features: z.record(z.string(), z.string()),
  /** Names of each tensor's last-axis columns (e.g. `music: ["onset_env", "mfcc_0", …]`). */
  columns: z.record(z.string(), z.array(z.string())).default({}),
  card: z.object({
    summary: z.string(),
    license: z.string(),
    caveats: z.array(z.string()),
    dropped: z.record(z.string(), z.number()).default({}),
  }),
});
export type ManifestParams = z.input<typeof ManifestParamsSchema>;

export const manifestStage = defineStage({
  id: "dataset.manifest",
  version: 2,
  params: ManifestParamsSchema,
  inputs: { shards: ["shard"], stats: "stats" },
  outputs: { manifest: "manifest", card: "text" },
  run: async ({ inputs, params, ctx }) => {
    const splits: Record<string, Json> = {};
    for (const shard of inputs.shards) {
      const header = readSafetensorsHeader(ctx.pathOf(shard));
      const split = metaString(shard.meta, "split", "");
      const tensors: Record<string, Json> = {};
      for (const [name, t] of Object.entries(header.tensors))
        tensors[name] = { dtype: t.dtype, shape: t.shape };
      splits[split] = {
        file: `${split}-00000.safetensors`,
        digest: shard.digest,
        bytes: shard.size,
        items: Number(shard.meta.items),
        tensors,
      };
    }
    const manifest = parseManifest(
      {
        format: "choreo-dataset-v1",
        name: params.name,
        recipe: params.recipe,
        config: params.config,
        fps: params.fps,
        splits,
        features: params.features,
        columns: params.columns,
        normalization: ctx.readJson(inputs.stats, NormalizationSchema),
        sources: params.sources,
        dropped: params.card.dropped,
        tools: params.tools,
      },
      `the manifest of ${params.name}`,
    );
    return {
      manifest: ctx.writeJson("manifest", manifest),
      card: ctx.writeText("text", renderCard(params, splits), { format: "markdown" }),
    };
  },
});
