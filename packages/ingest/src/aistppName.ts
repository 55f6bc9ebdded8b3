/**
 * AIST++ names (formats.md §1.2): sequence names `g<genre>_s<situation>_c<camera|All>_d<dancer>_m<music>_ch<nn>`,
 * the video name of one view, the music id and its tempo, and where the music file of a sequence lives.
 * Follows `aistplusplus_api aist_plusplus/loader.py` and `_get_tempo` of FACT/EDGE. Names are not checked
 * against the official lists here (see `readAistppSplit`).
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { InvalidFormat, MissingSource } from "./errors.js";

/** The 10 AIST++ genres (`visualizer/categ2name.json`). */
export const aistppGenres = {
  gBR: "Break",
  gHO: "House",
  gJB: "Ballet Jazz",
  gJS: "Street Jazz",
  gKR: "Krump",
  gLH: "LA style Hip-hop",
  gLO: "Lock",
  gMH: "Middle Hip-hop",
  gPO: "Pop",
  gWA: "Waack",
} as const;
export type AistppGenre = keyof typeof aistppGenres;

/** The parts of an AIST++ sequence or video name. 3-field names carry only genre and camera. */
export interface AistppName {
  readonly name: string;
  readonly genre: AistppGenre;
  /** `sBM` (basic) or `sFM` (advanced); undefined in 3-field names. */
  readonly situation: string | undefined;
  /** `cAll` for a sequence, `c01`…`c09` for one view. */
  readonly camera: string;
  readonly dancer: string | undefined;
  /** Music id, e.g. `mBR0`. */
  readonly music: string | undefined;
  readonly choreography: string | undefined;
}

/** The 9 camera views. */
export const aistppViews = ["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09"] as const;

const sixFields = /^(g[A-Z]{2})_(s[A-Z]{2})_(c(?:All|\d{2}))_(d\d{2})_(m[A-Z]{2}\d)_(ch\d{2})$/;
const threeFields = /^(g[A-Z]{2})_(c(?:All|\d{2}))_([A-Za-z0-9]+)$/;

/** Parses a sequence or video name; throws `InvalidFormat` for anything else. */
export function parseAistppName(name: string): AistppName {
  const six = sixFields.exec(name);
  if (six !== null && six[1]! in aistppGenres) {
    const [, genre, situation, camera, dancer, music, choreography] = six;
    return { name, genre: genre as AistppGenre, situation, camera: camera!, dancer, music, choreography };
  }
  const three = threeFields.exec(name);
  if (three !== null && three[1]! in aistppGenres) {
    const [, genre, camera] = three;
    const none = undefined;
    return {
      name,
      genre: genre as AistppGenre,
      situation: none,
      camera: camera!,
      dancer: none,
      music: none,
      choreography: none,
    };
  }
  throw new InvalidFormat(name, "not an AIST++ sequence name (gXX_sXX_cXX_dXX_mXXn_chXX)");
}

/** The sequence name (camera `cAll`) and view of a video name, as `AISTDataset.get_seq_name`. */
export function aistppSequenceOfVideo(videoName: string): { sequence: string; view: string } {
  const tags = videoName.split("_");
  const at = tags.length === 3 ? 1 : 2;
  const view = tags[at] ?? "";
  tags[at] = "cAll";
  return { sequence: tags.join("_"), view };
}

/** The video name of one view of a sequence (`cAll` → `c01`…). */
export function aistppVideoName(sequence: string, view: string): string {
  return sequence.replace("cAll", view);
}

/** The music id of a sequence (field 5, `split('_')[4]` in FACT/EDGE/Bailando). */
export function aistppMusicId(sequence: string): string {
  const music = parseAistppName(sequence).music;
  if (music === undefined) throw new InvalidFormat(sequence, "a 3-field name has no music id");
  return music;
}

/**
 * The AIST++ music id in a bare id, a sequence or video name, or a path to a file named so (`mJB5.wav`,
 * `…/gBR_sBM_cAll_d04_mBR0_ch01_slice3.wav` → `mBR0`: field 5 of a name, as `split('_')[4]`); undefined when
 * there is none or its genre is not one of AIST++'s. Lenient where `aistppMusicId` is strict.
 */
export function aistppMusicIdIn(nameOrPath: string): string | undefined {
  const stem = (nameOrPath.split(/[\\/]/).pop() ?? "").replace(/\.[^.]*$/, "");
  const fields = stem.split("_");
  const candidate = fields.length >= 5 ? fields[4]! : fields[0]!;
  return /^m[A-Z]{2}\d$/.test(candidate) && `g${candidate.slice(1, 3)}` in aistppGenres
    ? candidate
    : undefined;
}

// The one AIST++ tempo table (FACT's and EDGE's `_get_tempo`): every genre but house counts in tens.
const tens = new Set(["mBR", "mPO", "mLO", "mMH", "mLH", "mWA", "mKR", "mJS", "mJB"]);

/** The tempo (BPM) encoded in a music id, as `_get_tempo`: 80 + 10·n, or 110 + 5·n for house. */
export function aistppTempoBpm(musicId: string): number {
  const prefix = musicId.slice(0, 3);
  const n = Number(musicId[3]);
  if (musicId.length === 4 && Number.isInteger(n) && tens.has(prefix)) return n * 10 + 80;
  if (musicId.length === 4 && Number.isInteger(n) && prefix === "mHO") return n * 5 + 110;
  throw new InvalidFormat(musicId, "not an AIST++ music id (mXXn)");
}

/** The path of a sequence's music: `<musicDir>/<musicId><ext>` (FACT and Bailando layout). */
export function aistppMusicPath(musicDir: string, sequence: string, ext = ".wav"): string {
  return join(musicDir, `${aistppMusicId(sequence)}${ext}`);
}

/** The first existing music file of a sequence among `exts`; `MissingSource` when there is none. */
export async function findAistppMusic(
  musicDir: string,
  sequence: string,
  exts: readonly string[] = [".wav", ".mp3"],
): Promise<string> {
  for (const ext of exts) {
    const path = aistppMusicPath(musicDir, sequence, ext);
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  throw new MissingSource(join(musicDir, aistppMusicId(sequence)), `no music file (${exts.join(", ")})`);
}
