import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createStageContext, LyricsSchema, openStore, SlicesSchema, type Artifact } from "@choreo/core";
import { describe, expect, it } from "vitest";
import { lrcSliceStage, readWavStage, smplFullStage } from "./stages.js";

const fixture = (path: string): string => fileURLToPath(new URL(`../test/fixtures/${path}`, import.meta.url));

function setup(item: string) {
  const store = openStore(mkdtempSync(join(tmpdir(), "ingest-stage-")), { durable: false });
  const ctx = createStageContext({ store, item, signal: new AbortController().signal });
  const source = (path: string): Artifact<"media"> => {
    const bytes = readFileSync(fixture(path));
    const { digest, size } = store.putBlob(bytes);
    return { kind: "media", digest, size, meta: { container: path.split(".").at(-1)! } };
  };
  return { ctx, source };
}

describe("lrcSliceStage", () => {
  it("writes JustLMD's sequences as slices and keeps the sliced.json text", async () => {
    const { ctx, source } = setup("TestSong");
    const out = await lrcSliceStage.run({
      inputs: { lrc: source("lrc/song.lrc") },
      params: { sequenceLengthSec: 6, offsetSec: 0 },
      item: "TestSong",
      ctx,
    });
    const slices = ctx.readJson(out.slices, SlicesSchema);
    expect(slices.items.map((s) => s.id)).toEqual(["TestSong_10", "TestSong_16", "TestSong_23"]);
    expect(out.slices.meta["slicedJson"]).toBe(readFileSync(fixture("lrc/song.sliced.json"), "utf8"));
    expect(ctx.readJson(out.lyrics, LyricsSchema).lines).toHaveLength(9);
  });
});

describe("readWavStage", () => {
  it("writes float32 PCM with its rate", async () => {
    const { ctx, source } = setup("tone");
    const out = await readWavStage.run({
      inputs: { wav: source("media/tone_stereo.wav") },
      params: { offsetSec: 0, mono: true },
      item: "tone",
      ctx,
    });
    expect(out.pcm.meta).toEqual({ sampleRateHz: 16000, channels: 1 });
    expect(out.pcm.size).toBe(8000 * 4);
  });
});

describe("smplFullStage", () => {
  it("writes poses with Rh as the root, and fails with MissingFrames on gaps", async () => {
    const { ctx, source } = setup("song");
    const out = await smplFullStage.run({
      inputs: { smplfull: source("easymocap/smplfull_small.json") },
      params: { fps: 30, personIndex: 0 },
      item: "song",
      ctx,
    });
    const tensors = ctx.readTensors(out.smpl);
    expect(tensors["poses"]!.shape).toEqual([5, 72]);
    expect(tensors["poses"]!.data[2]).toBe(3); // Rh z = 3.0 in the fixture
    await expect(
      smplFullStage.run({
        inputs: { smplfull: source("easymocap/smplfull_gap.json") },
        params: { fps: 30, personIndex: 0 },
        item: "song",
        ctx,
      }),
    ).rejects.toMatchObject({ _tag: "MissingFrames" });
  });
});
