/**
 * InDV and its clip layout (formats.md §4, as `lsfhuihuiff/Dance-to-music_Siggraph_Asia_2024` publishes it):
 * `audio_clips/<sub>/<clip>.wav` paired with `keypoints_clips/<sub>/<clip>.pkl` (a pickled (T, 17, 3)
 * array), the genre one-hots of `audio_clips/genre.npy`, and for raw InDV a video list and a genre manifest
 * (choreo's own convention: the release publishes neither format). Audio is not decoded here (see `wav.ts`).
 */
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { InvalidFormat, MissingSource } from "./errors.js";
import { parseNameList } from "./internal/nameList.js";
import { parseJsonAs } from "./internal/jsonText.js";
import { arrayOfShape } from "./internal/pickleFields.js";
import { isNdArray, toFloat32, type NdArray } from "./ndarray.js";
import { readNpy } from "./npy.js";
import { readPickle, readSourceFile, type PickleValue } from "./pickle.js";
import { attemptRead, type ReadResult } from "./readResult.js";

/** One 5.12 s clip of the layout. */
export interface IndvClip {
  /** `<sub>/<clip>`, unique within a root. */
  readonly id: string;
  readonly subdir: string;
  readonly clip: string;
  readonly audioPath: string;
  /** Undefined when `keypoints_clips/<sub>/<clip>.pkl` does not exist. */
  readonly keypointsPath: string | undefined;
}

/** The genre one-hots of `genre.npy`, keyed by the wav path as written on the machine that made it. */
export interface GenreLabels {
  readonly byPath: ReadonlyMap<string, { readonly index: number; readonly oneHot: Float32Array }>;
  readonly classes: number;
}

/** The keypoints path of an audio clip, as `EmbeddingManager.forward` derives it. */
export function keypointsPathOf(audioPath: string): string {
  return audioPath.replace(".wav", ".pkl").replace("/audio_clips/", "/keypoints_clips/");
}

/** The genre code of a wav file name, as `genre.py` (`file[1:3]`: `gBR_…` → `BR`). */
export function genreCodeOfFileName(fileName: string): string {
  return fileName.slice(1, 3);
}

/** Lists the clips under `<root>/audio_clips`, sorted by id, with their keypoints file when present. */
export async function listIndvClips(root: string): Promise<IndvClip[]> {
  const audioRoot = join(root, "audio_clips");
  const subdirs = (await listDir(audioRoot))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const clips: IndvClip[] = [];
  for (const subdir of subdirs.sort()) {
    const wavs = (await listDir(join(audioRoot, subdir))).filter(
      (e) => e.isFile() && e.name.endsWith(".wav"),
    );
    const keypointFiles = new Set(
      (await listDir(join(root, "keypoints_clips", subdir)).catch(() => [])).map((entry) => entry.name),
    );
    for (const wav of wavs.map((e) => e.name).sort()) {
      const clip = wav.slice(0, -".wav".length);
      const keypointsPath = keypointFiles.has(`${clip}.pkl`)
        ? join(root, "keypoints_clips", subdir, `${clip}.pkl`)
        : undefined;
      clips.push({
        id: `${subdir}/${clip}`,
        subdir,
        clip,
        audioPath: join(audioRoot, subdir, wav),
        keypointsPath,
      });
    }
  }
  return clips;
}

/** Decodes a keypoints clip: a (T, 17, 3) array (x, y, score) → float32. */
export function parseKeypointsClip(value: PickleValue, file: string): NdArray<"float32"> {
  return toFloat32(arrayOfShape(value, [undefined, 17, 3], { file, field: "keypoints" }));
}

/** Reads a keypoints clip pickle; a missing file, bad pickle or wrong shape comes back as an error. */
export function readKeypointsClip(path: string): Promise<ReadResult<NdArray<"float32">>> {
  return attemptRead(async () => parseKeypointsClip(await readPickle(path), path));
}

/** Reads `<root>/audio_clips/genre.npy` (a pickled dict of one-hot rows, loaded with allowPickle). */
export async function readGenreLabels(root: string): Promise<GenreLabels> {
  const file = join(root, "audio_clips", "genre.npy");
  const array = await readNpy(file, { allowPickle: true });
  const dict = array.dtype === "object" && array.shape.length === 0 ? array.data[0] : undefined;
  if (!(dict instanceof Map)) throw new InvalidFormat(file, "genre.npy does not hold a dict");
  const byPath = new Map<string, { index: number; oneHot: Float32Array }>();
  let classes = -1;
  for (const [key, row] of dict) {
    if (typeof key !== "string" || !isNdArray(row) || row.shape.length !== 1) {
      throw new InvalidFormat(file, "genre.npy entries must map a path to a 1-D one-hot array");
    }
    if (classes >= 0 && row.shape[0] !== classes)
      throw new InvalidFormat(file, "one-hot rows differ in length");
    classes = row.shape[0]!;
    const oneHot = toFloat32(row).data;
    byPath.set(key, { index: oneHot.indexOf(Math.max(...oneHot)), oneHot });
  }
  return { byPath, classes: Math.max(classes, 0) };
}

/**
 * The genre of a clip: the entry of its exact path, else the one entry whose path ends with
 * `/audio_clips/<sub>/<clip>.wav` (genre.npy keeps absolute paths of another machine).
 */
export function genreOfClip(
  labels: GenreLabels,
  clip: Pick<IndvClip, "audioPath" | "id">,
): number | undefined {
  const exact = labels.byPath.get(clip.audioPath);
  if (exact !== undefined) return exact.index;
  const suffix = `/audio_clips/${clip.id}.wav`;
  const matches = [...labels.byPath].filter(([path]) => path.endsWith(suffix));
  return matches.length === 1 ? matches[0]![1].index : undefined;
}

/** One raw InDV video: an id (file name without extension) and where it comes from (URL or path). */
export interface IndvVideo {
  readonly id: string;
  readonly source: string;
}

/** Reads a video list: one URL or path a line; blank lines and `#` comments skipped. */
export async function readIndvVideoList(path: string): Promise<IndvVideo[]> {
  const text = new TextDecoder().decode(await readSourceFile(path));
  return parseNameList(text, { comments: true }).map((source) => ({
    id: basename(source.replace(/[?#].*$/, ""), extname(source.replace(/[?#].*$/, ""))),
    source,
  }));
}

/** Reads a genre manifest: a JSON object `{ videoId: genre }` or a two-column CSV/TSV (`video,genre` header optional). */
export async function readIndvGenreManifest(path: string): Promise<Map<string, string>> {
  const text = new TextDecoder().decode(await readSourceFile(path));
  if (path.endsWith(".json")) return genresFromJson(text, path);
  const manifest = new Map<string, string>();
  const lines = parseNameList(text, { comments: true });
  lines.forEach((line, i) => {
    const cells = line.split(/[,\t]/).map((cell) => cell.trim());
    if (cells.length !== 2 || cells[0] === "" || cells[1] === "") {
      throw new InvalidFormat(path, `line ${i + 1} is not '<video>,<genre>'`);
    }
    if (i === 0 && cells[0]!.toLowerCase() === "video" && cells[1]!.toLowerCase() === "genre") return;
    manifest.set(cells[0]!, cells[1]!);
  });
  return manifest;
}

function genresFromJson(text: string, path: string): Map<string, string> {
  const json = parseJsonAs(text, path);
  const entries =
    typeof json === "object" && json !== null && !Array.isArray(json) ? Object.entries(json) : undefined;
  if (entries === undefined || !entries.every(([, genre]) => typeof genre === "string")) {
    throw new InvalidFormat(path, "a genre manifest must be an object of video id → genre name");
  }
  return new Map(entries as [string, string][]);
}

async function listDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    throw new MissingSource(path, `cannot list (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      cause: error,
    });
  }
}
