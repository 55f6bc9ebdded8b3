import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createStageContext, openStore, type Artifact } from "@choreo/core";
import { writeDemoDataset } from "../test/fakeDataset.js";
import { writeDatasetReport } from "./datasetReport.js";
import { datasetReportStage } from "./stages.js";

describe("datasetReportStage", () => {
  it("writes the same report from store blobs as from the dataset folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "render-stage-"));
    const { manifest } = writeDemoDataset(dir, { train: 2, val: 1 });
    const store = openStore(join(dir, "store"), { durable: false });
    const ctx = createStageContext({ store, item: "fake-demo", signal: new AbortController().signal });
    const put = <TKind extends "manifest" | "shard">(
      kind: TKind,
      bytes: Uint8Array,
      meta: Record<string, string> = {},
    ): Artifact<TKind> => ({ kind, ...store.putBlob(bytes), meta });
    const shards = ["train", "val"].map((split) =>
      put("shard", readFileSync(join(dir, `${split}-00000.safetensors`)), { split }),
    );
    const out = await datasetReportStage.run({
      inputs: { manifest: put("manifest", Buffer.from(JSON.stringify(manifest))), shards },
      params: datasetReportStage.params.parse({ sampleItems: 2, thumbnails: 1 }),
      item: "fake-demo",
      ctx,
    });
    expect(out.report.meta).toEqual({ format: "html", file: "report.html" });
    expect(ctx.readText(out.report)).toBe(
      await writeDatasetReport(manifest, { shardsDir: dir, sampleItems: 2, thumbnails: 1 }),
    );
  });
});
