import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBuild, decodeSafetensors, openStore, type Artifact, type Store } from "@choreo/core";
import { describe, expect, it } from "vitest";
import { createLyricEmbeddingStage } from "./stages.js";

const fixtures = new URL("../test/fixtures/", import.meta.url).pathname;
const stage = createLyricEmbeddingStage({ modelsDir: fixtures, modelId: "tiny-bert" });
const params = { text: "Oh, oh, oh  I wanna dance with you tonight", startSec: 10 };

function newStore(): Store {
  return openStore(mkdtempSync(join(tmpdir(), "features-lyrics-")), { durable: false });
}

function timedLyrics(store: Store): Artifact<"lyrics"> {
  const lines = [
    { startSec: 8.5, endSec: 10.2, text: " Oh, oh, oh" },
    { startSec: 10.2, endSec: 12.9, text: " I wanna dance with you tonight" },
    { startSec: 12.9, endSec: 20, text: "" },
  ];
  const { digest, size } = store.putBlob(Buffer.from(JSON.stringify({ lines })));
  return { kind: "lyrics", digest, size, meta: {} };
}

describe("createLyricEmbeddingStage", () => {
  it("writes frame-aligned and token-level embeddings of one sequence", async () => {
    const store = newStore();
    const build = createBuild({ store });
    const { embedding } = await build.run(stage, {
      item: "Song_10",
      params,
      inputs: { lyrics: [timedLyrics(store)] },
    });
    const { tensors } = decodeSafetensors(store.readBlob(embedding.digest));
    expect(tensors.lyrics?.shape).toEqual([180, 32]);
    expect(tensors.lyricsTokens?.shape).toEqual([13, 32]);
    expect(Array.from(tensors.lyricsTokenIds!.data as Int32Array).slice(0, 3)).toEqual([2, 37, 6]);
    const active = Array.from(tensors.lyricsActiveLine!.data as Int32Array);
    expect([active[0], active[6], active[89], active[179]]).toEqual([0, 1, -1, -1]);
    expect(embedding.meta).toMatchObject({
      model: "tiny-bert",
      frames: 180,
      fps: 30,
      alignment: "line",
      tokens: 13,
    });
  });

  it("falls back to the sequence text over every frame without timed lyrics", async () => {
    const store = newStore();
    const { embedding } = await createBuild({ store }).run(stage, {
      item: "Song_10",
      params,
      inputs: { lyrics: [] },
    });
    const { lyrics, lyricsActiveLine } = decodeSafetensors(store.readBlob(embedding.digest)).tensors;
    expect(Array.from(lyricsActiveLine!.data as Int32Array).every((i) => i === 0)).toBe(true);
    expect(lyrics!.data.subarray(179 * 32)).toEqual(lyrics!.data.subarray(0, 32));
  });

  it("is a cache hit on a rerun and keys on the model folder's content", async () => {
    const store = newStore();
    const request = { item: "Song_10", params, inputs: { lyrics: [] } };
    const first = createBuild({ store });
    await first.run(stage, request);
    const again = createBuild({ store });
    await again.run(stage, request);
    expect(again.summary().cached).toBe(1);

    const modelsDir = mkdtempSync(join(tmpdir(), "features-bert-"));
    cpSync(join(fixtures, "tiny-bert"), join(modelsDir, "tiny-bert"), { recursive: true });
    writeFileSync(join(modelsDir, "tiny-bert", "tokenizer_config.json"), '{"model_max_length": 64}');
    const other = createBuild({ store });
    await other.run(createLyricEmbeddingStage({ modelsDir, modelId: "tiny-bert" }), request);
    expect(other.summary().run).toBe(1);
  });

  it("throws ModelNotFound naming the folder when the model is absent", () => {
    const modelsDir = mkdtempSync(join(tmpdir(), "features-bert-"));
    const absent = createLyricEmbeddingStage({ modelsDir });
    const build = createBuild({ store: newStore() });
    expect(() => build.run(absent, { item: "x", params, inputs: { lyrics: [] } })).toThrow(
      expect.objectContaining({
        _tag: "ModelNotFound",
        folder: join(modelsDir, "bert-base-uncased"),
      }) as Error,
    );
  });
});
