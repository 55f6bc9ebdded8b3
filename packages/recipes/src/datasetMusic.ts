/**
 * Music features of an audio file for a model trained on a dataset folder (what `choreo sample` conditions on):
 * the folder's manifest names the recipe and its config, and that recipe's `musicFeatures` computes the rows of
 * one window from the file's start, exactly as the build computed the dataset's music. A file with the same
 * bytes as one of the dataset's songs gets that song's tempo from the manifest.
 */
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { digestOf } from "@choreo/core";
import { loadAudio } from "@choreo/ingest";
import { z } from "zod";
import { musicFeaturesOf, recipeName } from "./datasetRecipes.js";
import { DatasetUnreadable, MusicFeaturesUnavailable } from "./errors.js";
import type { MusicFeatures } from "./music.js";

const ManifestView = z.object({
  recipe: z.string(),
  config: z.unknown(),
  fps: z.number().positive(),
  sources: z.array(z.record(z.string(), z.unknown())).default([]),
});

export interface DatasetMusicOptions {
  /** The dataset folder (holding manifest.json). */
  readonly datasetDir: string;
  readonly audioPath: string;
  /** Rows wanted, at the dataset's fps. */
  readonly frames: number;
  /** The song's tempo, when known; else a dataset song's own, else the recipe estimates it where it needs one. */
  readonly bpm?: number;
}

async function readManifest(dir: string): Promise<z.infer<typeof ManifestView>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
  } catch (cause) {
    throw new DatasetUnreadable(dir, "manifest.json is missing or not JSON", { cause });
  }
  const parsed = ManifestView.safeParse(raw);
  if (!parsed.success)
    throw new DatasetUnreadable(dir, "manifest.json is not a choreo manifest", { cause: parsed.error });
  return parsed.data;
}

/** The first `frames` rows of the dataset recipe's music features of the audio file, from its start. */
export async function musicFeaturesForDataset(options: DatasetMusicOptions): Promise<MusicFeatures> {
  const manifest = await readManifest(options.datasetDir);
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
