/**
 * Music features of an audio file for a model trained on a dataset folder (what `choreo sample` conditions on):
 * the folder's manifest names the recipe and its config, and that recipe's `musicFeatures` computes the rows of
 * one window from the file's start, exactly as the build computed the dataset's music. A file with the same
 * bytes as one of the dataset's songs gets that song's tempo from the manifest.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { digestOf } from "@choreo/core";
import { readCheckedManifest } from "@choreo/dataset";
import { loadAudio, readArrayValues } from "@choreo/ingest";
import { musicFeaturesOf, recipeName } from "./datasetRecipes.js";
import { MusicFeaturesUnavailable } from "./errors.js";
import type { MusicFeatures } from "./music.js";

export interface DatasetMusicOptions {
  /** The dataset folder (holding manifest.json). */
  readonly datasetDir: string;
  readonly audioPath: string;
  /** Rows wanted, at the dataset's fps. */
  readonly frames: number;
  /** The song's tempo, when known; else a dataset song's own, else the recipe estimates it where it needs one. */
  readonly bpm?: number;
  /** Hash every shard of the dataset against its manifest (by default only shards up to 64 MiB). */
  readonly verify?: boolean;
}

/** The first `frames` rows of the dataset recipe's music features of the audio file, from its start. */
export async function musicFeaturesForDataset(options: DatasetMusicOptions): Promise<MusicFeatures> {
  // The folder the model was trained on: its shards are checked against the manifest as by every reader.
  const manifest = readCheckedManifest(options.datasetDir, { verify: options.verify === true });
  const recipe = recipeName(manifest.recipe);
  const digest = digestOf(await readFile(options.audioPath));
  const song = manifest.sources.find((s) => s.audio === digest);
  const bpm = options.bpm ?? (typeof song?.bpm === "number" ? song.bpm : undefined);
  const pcm = await loadAudio(options.audioPath);
  const audio = { ...pcm, name: basename(options.audioPath), ...(bpm !== undefined ? { bpm } : {}) };
  const window = { startSec: 0, durationSec: options.frames / manifest.fps };
  const f = musicFeaturesOf(recipe, audio, manifest.config, window);
  if (f.nFrames < options.frames) {
    throw new MusicFeaturesUnavailable(
      recipe,
      `${options.audioPath} gives ${f.nFrames} rows, a window needs ${options.frames}`,
    );
  }
  return { ...f, data: f.data.subarray(0, options.frames * f.nFeatures), nFrames: options.frames };
}

/**
 * The music rows `choreo sample` conditions on: a feature file (`.json`/`.safetensors`, its `music` tensor) as
 * it is, or the dataset recipe's features of an audio file (which needs the dataset folder).
 */
export async function samplingMusic(options: {
  readonly audioPath: string;
  readonly datasetDir: string | undefined;
  readonly frames: number;
  readonly bpm?: number | undefined;
  readonly verify?: boolean;
}): Promise<Float32Array> {
  const { audioPath, datasetDir, frames, bpm, verify } = options;
  if (audioPath.endsWith(".json") || audioPath.endsWith(".safetensors"))
    return readArrayValues(audioPath, "music");
  if (datasetDir === undefined) {
    throw new MusicFeaturesUnavailable(
      "sampling",
      `${audioPath} is audio: its music features need the dataset folder (--dataset DIR) whose recipe computes them`,
    );
  }
  const request = {
    datasetDir,
    audioPath,
    frames,
    verify: verify === true,
    ...(bpm !== undefined ? { bpm } : {}),
  };
  return (await musicFeaturesForDataset(request)).data;
}
