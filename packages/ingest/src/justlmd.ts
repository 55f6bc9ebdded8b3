/**
 * JustLMD manifests and release folders (formats.md §2): `JD<year>_url.json` (`{"urls": [[url, crop], …]}`),
 * `JD<year>.json` (`{<SongTitleAlnum>: [url, crop], …}`, with an optional `"urls"` key that is skipped), song
 * folder names (`re.sub(r'\W+', '', title)`), and the release layout
 * `Songs_20xx/<song>/{audio.wav, lyrics.lrc, sliced.json, smplfull.json}`. Reading only lists and validates;
 * decoding is left to `readWav`, `readLrc`, `parseSlicedJson` and `readSmplFull`.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { assertPathSegment, assertRegularFile } from "@choreo/core";
import { InvalidFormat, MissingSource } from "./errors.js";
import { parseJsonAs } from "./internal/jsonText.js";
import type { CropMode } from "./videoFrames.js";

const Crop = z.enum(["full", "left", "right", "center"]);
const UrlEntry = z.union([z.tuple([z.string(), Crop]), z.tuple([z.string()]), z.string()]);

/** One video to download and how to crop it. */
export interface ManifestVideo {
  readonly url: string;
  readonly crop: CropMode;
}

/** A `JD<year>.json` song: folder name, url and crop. */
export interface ManifestSong extends ManifestVideo {
  readonly song: string;
}

function toVideo(entry: z.infer<typeof UrlEntry>): ManifestVideo {
  if (typeof entry === "string") return { url: entry, crop: "full" };
  return { url: entry[0], crop: entry[1] ?? "full" };
}

/** Parses `JD<year>_url.json`. */
export function parseUrlManifest(text: string, file = "<JD_url.json>"): ManifestVideo[] {
  const parsed = z.object({ urls: z.array(UrlEntry) }).safeParse(parseJsonAs(text, file));
  if (!parsed.success)
    throw new InvalidFormat(
      file,
      `expected {"urls": [[url, crop], …]}: ${parsed.error.issues[0]?.message ?? ""}`,
    );
  return parsed.data.urls.map(toVideo);
}

/** Parses `JD<year>.json` (the `"urls"` key of the jot-ctrl fork is skipped). */
export function parseSongManifest(text: string, file = "<JD.json>"): ManifestSong[] {
  const value = parseJsonAs(text, file);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InvalidFormat(file, "expected {song: [url, crop]}");
  return Object.entries(value)
    .filter(([song]) => song !== "urls")
    .map(([song, raw]) => {
      // The key names the song's folder (<videos>/<song>/video.mp4, where yt-dlp may write): one plain name.
      assertPathSegment(song, `song key in ${file}`);
      const entry = UrlEntry.safeParse(raw);
      if (!entry.success) throw new InvalidFormat(file, `song '${song}' is not [url, crop]`);
      return { song, ...toVideo(entry.data) };
    });
}

/** Reads either manifest kind from a file. */
export async function readManifest(path: string): Promise<ManifestVideo[] | ManifestSong[]> {
  assertRegularFile(path);
  const text = await readFile(path, "utf8").catch((cause: unknown) => {
    throw new MissingSource(path, "cannot read the manifest", { cause });
  });
  return /_url\.json$/.test(path) ? parseUrlManifest(text, path) : parseSongManifest(text, path);
}

/** JustLMD's folder name of a video title: `re.sub(r'\W+', '', title)` (Unicode letters, digits, `_` kept). */
export function songFolderName(title: string): string {
  return title.replace(/[^\p{L}\p{N}_]+/gu, "");
}

/** The four files of a release song folder. */
export const RELEASE_FILES = ["audio.wav", "lyrics.lrc", "sliced.json", "smplfull.json"] as const;

/** One song folder of a JustLMD release. */
export interface ReleaseSong {
  /** `Songs_2020`, … */
  readonly collection: string;
  readonly song: string;
  readonly dir: string;
  /** Release files absent from the folder (the public repo lacks audio.wav and most smplfull.json blobs). */
  readonly missing: readonly (typeof RELEASE_FILES)[number][];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile() && s.size > 0,
    () => false,
  );
}

/** Lists `Songs_*\/<song>/` folders under `root` (sorted), with the release files each lacks. */
export async function listReleaseSongs(root: string): Promise<ReleaseSong[]> {
  const top = await readdir(root, { withFileTypes: true }).catch((cause: unknown) => {
    throw new MissingSource(root, "cannot read the release folder", { cause });
  });
  const songs: ReleaseSong[] = [];
  for (const collection of top
    .filter((d) => d.isDirectory() && d.name.startsWith("Songs_"))
    .map((d) => d.name)
    .sort()) {
    const entries = await readdir(join(root, collection), { withFileTypes: true });
    for (const song of entries
      .filter((d) => d.isDirectory() && !/^[._]/.test(d.name))
      .map((d) => d.name)
      .sort()) {
      const dir = join(root, collection, song);
      const present = await Promise.all(RELEASE_FILES.map((f) => exists(join(dir, f))));
      songs.push({ collection, song, dir, missing: RELEASE_FILES.filter((_, i) => !present[i]) });
    }
  }
  return songs;
}
