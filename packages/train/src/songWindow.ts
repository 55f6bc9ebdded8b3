/**
 * One stored window of a dataset folder, picked by what a user types: a window id (`song01_00075`, as the
 * shards' `ids` name them) or the id of a song in the manifest's sources (`song01`: its earliest window, the
 * id `<song>_<start>` that sorts first), for `choreo sample --song`. It gives the window's float tensors as the
 * build stored them (music, lyrics, motion: what a model trained on), reading the shards' headers and that one
 * item, not whole shards.
 */
import { join } from "node:path";
import { assertPathSegment } from "@choreo/core";
import { openShardReader, readManifest, readSafetensorsHeader } from "@choreo/dataset";
import { UnknownWindow } from "./errors.js";

export interface SongWindow {
  /** The window's id. */
  readonly id: string;
  readonly split: string;
  /** Each float32 tensor of the window, `[frames, columns]` row-major. */
  readonly tensors: Readonly<Record<string, Float32Array>>;
}

/**
 * The window `song` names in the dataset folder `dir`; `UnknownWindow` (listing the songs) when none matches
 * or no folder is given.
 */
export function readSongWindow(dir: string | undefined, song: string): SongWindow {
  if (dir === undefined)
    throw new UnknownWindow(song, "a song is read from a dataset folder (--dataset DIR)");
  const manifest = readManifest(dir);
  const matches = Object.entries(manifest.splits).flatMap(([split, entry]) => {
    const file = join(dir, assertPathSegment(entry.file, `shard file of split ${split} in manifest.json`));
    const ids = JSON.parse(readSafetensorsHeader(file).metadata.ids ?? "[]") as string[];
    return ids
      .map((id, index) => ({ split, file, index, id }))
      .filter(({ id }) => id === song || id.startsWith(`${song}_`));
  });
  const best = matches.find((m) => m.id === song) ?? matches.sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  if (best === undefined) {
    const songs = manifest.sources.map((s) => s.id).filter((id): id is string => typeof id === "string");
    throw new UnknownWindow(song, `${dir} has no song or window of that id (its songs: ${songs.join(", ")})`);
  }
  const reader = openShardReader(best.file);
  try {
    const names = Object.entries(reader.header.tensors)
      .filter(([name, t]) => t.dtype === "F32" && !name.endsWith(".offsets"))
      .map(([name]) => name);
    const tensors = Object.fromEntries(
      names.map((n) => [n, reader.item(n, best.index).data as Float32Array]),
    );
    return { id: best.id, split: best.split, tensors };
  } finally {
    reader.close();
  }
}
