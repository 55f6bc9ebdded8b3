/**
 * The package's DAG stage: `render.report` turns a dataset's manifest and shards into `report.html` (a `report`
 * artifact), a thin wrapper over `writeDatasetReport`. Shards are matched to the manifest's splits by their
 * `meta.split`. sharp's and libvips' versions enter the key: they encode the thumbnails' PNG bytes.
 */
import sharp from "sharp";
import { z } from "zod";
import { defineStage } from "@choreo/core";
import { ManifestSchema } from "@choreo/dataset";
import { writeDatasetReport } from "./datasetReport.js";
import { UnsupportedRenderInput } from "./errors.js";

export const DatasetReportParamsSchema = z.object({
  sampleItems: z.number().int().min(0).default(4),
  thumbnails: z.number().int().min(0).default(3),
});

export const datasetReportStage = defineStage({
  id: "render.report",
  version: 2,
  params: DatasetReportParamsSchema,
  inputs: { manifest: "manifest", shards: ["shard"] },
  outputs: { report: "report" },
  tools: () => ({ sharp: sharp.versions.sharp, vips: sharp.versions.vips }),
  run: async ({ inputs, params, ctx }) => {
    const shardPaths: Record<string, string> = {};
    for (const shard of inputs.shards) {
      const split = shard.meta["split"];
      if (typeof split !== "string")
        throw new UnsupportedRenderInput(shard.digest, "a shard artifact without meta.split");
      shardPaths[split] = ctx.pathOf(shard);
    }
    const html = await writeDatasetReport(ctx.readJson(inputs.manifest, ManifestSchema), {
      shardPaths,
      ...params,
    });
    return { report: ctx.writeText("report", html, { format: "html", file: "report.html" }) };
  },
});
