import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeSafetensors, materialize, openStore, runBuild, type Digest, type Store } from "@choreo/core";
import { decodeWav } from "@choreo/ingest";
import { musicFeaturesForDataset } from "../datasetMusic.js";
import { demoMusicFeatures } from "./musicFeatures.js";
import { DemoConfigSchema, runDemo } from "./recipe.js";

// Two 8 s songs, all in train: windows of 5 s every 2.5 s start at frames 0 and 75 (two per song).
const config = DemoConfigSchema.parse({ songs: 2, durationSec: 8, valFraction: 0, testFraction: 0 });
const window = 150 * 35;

interface Built {
  store: Store;
  dir: string;
  sources: { id: string; bpm: number; audio: Digest }[];
  ids: string[];
  music: Float32Array;
}

let built: Built;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "recipes-demo-"));
  const store = openStore(join(root, "cache"), { durable: false });
  const outcome = await runBuild({ store, jobs: 1, threads: false }, (b) => runDemo(b, config, {}));
  const dir = join(root, "demo");
  materialize(store, outcome.usable!.files, dir);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    sources: Built["sources"];
  };
  const shard = decodeSafetensors(readFileSync(join(dir, "train-00000.safetensors")));
  const ids = JSON.parse(shard.metadata.ids!) as string[];
  built = { store, dir, sources: manifest.sources, ids, music: shard.tensors.music!.data as Float32Array };
}, 240_000);

/** The stored music rows of a window id. */
function stored(id: string): Float32Array {
  const k = built.ids.indexOf(id);
  expect(k).toBeGreaterThanOrEqual(0);
  return built.music.subarray(k * window, (k + 1) * window);
}

describe("demoMusicFeatures", () => {
  it("gives the dataset's stored music of every window of a song, bit for bit", () => {
    const song = built.sources.find((s) => s.id === "song01")!;
    const wav = decodeWav(built.store.readBlob(song.audio));
    for (const startFrame of [0, 75]) {
      const f = demoMusicFeatures(
        { samples: wav.samples, sampleRateHz: wav.sampleRateHz, bpm: song.bpm },
        { window: { startSec: startFrame / 30, durationSec: 5 } },
      );
      expect([f.nFrames, f.nFeatures, f.fps]).toEqual([150, 35, 30]);
      expect(f.data).toEqual(stored(`song01_${String(startFrame).padStart(5, "0")}`));
    }
  });

  it("refuses a window past the song's end with MusicFeaturesUnavailable", () => {
    const song = built.sources.find((s) => s.id === "song00")!;
    const wav = decodeWav(built.store.readBlob(song.audio));
    const audio = { samples: wav.samples, sampleRateHz: wav.sampleRateHz, bpm: song.bpm };
    expect(() => demoMusicFeatures(audio, { window: { startSec: 6, durationSec: 5 } })).toThrow(
      expect.objectContaining({ _tag: "MusicFeaturesUnavailable" }),
    );
  });
});

describe("musicFeaturesForDataset", () => {
  it("computes a dataset song's first window through the demo recipe, with the song's own tempo", async () => {
    const song = built.sources.find((s) => s.id === "song00")!;
    const audioPath = join(built.dir, "song00.wav");
    writeFileSync(audioPath, built.store.readBlob(song.audio));
    const f = await musicFeaturesForDataset({ datasetDir: built.dir, audioPath, frames: 150 });
    expect(f.data).toEqual(stored("song00_00000"));
  });
});
