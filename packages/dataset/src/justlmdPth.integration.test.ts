import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createBuild, metaString, openStore } from "@choreo/core";
import { buildSyntheticJustlmd, HIDDEN } from "../test/syntheticJustlmd.js";
import { exportJustlmdPthStage } from "./justlmdPth.js";

function findTorchPython(): string | undefined {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(exe, ["-c", "import torch"]).status === 0) return exe;
  }
  return undefined;
}

const python = findTorchPython();
const checkScript = fileURLToPath(new URL("../test/justlmd_pth_check.py", import.meta.url));

interface Report {
  keys: string[];
  indexing: Record<string, string>;
  items: Record<
    string,
    {
      fields: string[];
      dtypes: Record<string, string>;
      shapes: Record<string, number[]>;
      musicStride: number[];
      lyricsEqual: boolean;
      musicEqual: boolean;
      danceEqual: boolean;
      tokens: number;
    }
  >;
  batches: Record<string, [number[], string]>[];
}

function newStoreAndBuild() {
  const store = openStore(mkdtempSync(join(tmpdir(), "justlmd-pth-")), { durable: false });
  return { store, build: createBuild({ store }) };
}

describe("exportJustlmdPthStage", () => {
  it("refuses a dataset without token-level lyric embeddings", async () => {
    const { store, build } = newStoreAndBuild();
    const { shards, manifest } = await buildSyntheticJustlmd(store, build, { withTokens: false });
    const run = build.run(exportJustlmdPthStage, {
      item: "tiny",
      params: { name: "tiny" },
      inputs: { shards, manifest },
    });
    await expect(run).rejects.toMatchObject({ _tag: "ActionFailed", causeTag: "ExportInputMismatch" });
  });

  // CI installs python3-torch, so there the test always runs; elsewhere it needs a torch.
  it.skipIf(python === undefined && process.env.CI === undefined)(
    "gives JustLMD's code (torch.load weights_only, indexing.json, LMD_Dataset, DataLoader) the shards bit for bit",
    async () => {
      const { store, build } = newStoreAndBuild();
      const { ids, shards, manifest } = await buildSyntheticJustlmd(store, build);
      const { pth, indexing } = await build.run(exportJustlmdPthStage, {
        item: "tiny",
        params: { name: "tiny" },
        inputs: { shards, manifest },
      });
      const dir = mkdtempSync(join(tmpdir(), "justlmd-export-"));
      copyFileSync(store.blobPath(pth.digest), join(dir, "tiny_LMD_Dict.pth"));
      copyFileSync(store.blobPath(indexing.digest), join(dir, "indexing.json"));
      for (const s of shards)
        copyFileSync(
          store.blobPath(s.digest),
          join(dir, `${metaString(s.meta, "split", "")}-00000.safetensors`),
        );
      const report = JSON.parse(
        execFileSync(python!, [checkScript, dir, "tiny"], { encoding: "utf8" }),
      ) as Report;

      const keys = [...ids].sort();
      expect(report.keys).toEqual(keys);
      expect(report.indexing).toEqual(Object.fromEntries(keys.map((k, i) => [String(i), k])));
      for (const key of keys) {
        const item = report.items[key]!;
        expect(item.fields).toEqual(["lyrics", "music", "dance"]);
        expect(item.dtypes).toEqual({
          lyrics: "torch.float32",
          music: "torch.float32",
          dance: "torch.float64",
        });
        expect(item.shapes).toEqual({ lyrics: [180, HIDDEN], music: [180, 128], dance: [180, 72] });
        expect(item.musicStride).toEqual([1, 180]); // torch.from_numpy(mel).T
        expect([item.lyricsEqual, item.musicEqual, item.danceEqual]).toEqual([true, true, true]);
      }
      expect(Object.values(report.items).map((i) => i.tokens)).toContain(190); // cut to 180, as F.pad does
      expect(report.batches).toEqual(
        [0, 1].map(() => ({
          lyrics: [[4, 180, HIDDEN], "torch.float32"],
          music: [[4, 180, 128], "torch.float32"],
          dance: [[4, 180, 72], "torch.float64"],
        })),
      );
    },
  );
});
