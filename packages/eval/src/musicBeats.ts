/**
 * Music beats for BAS, as frame indices at the motion's frame rate. Sources: a one-hot array (Bailando's
 * column 53, FACT's last column), a list of frames, a JSON file (a list for every sequence, or an object by
 * sequence name), a folder of per-sequence files, or audio: `bailando` runs the Bailando 438-d feature set of
 * `@choreo/features` (HPSS percussive, median onset, beat_track at 30720 Hz / hop 512 = 60 fps) and keeps its
 * beat column; `fact` runs onset_strength + beat_track with a given start tempo (mint `preprocessing.py`).
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import {
  BAILANDO438_BEAT_COLUMN,
  bailando438Features,
  beatTrack,
  FACT35_SAMPLE_RATE_HZ,
  onsetStrength,
  resample,
} from "@choreo/features";
import { assertRegularFile, parseJsonText, type InvalidJsonFile } from "@choreo/core";
import { readNpy, readWav, type NdArray } from "@choreo/ingest";
import { EvalInputMissing, InvalidMotionInput } from "./errors.js";

/** Beats for every sequence (`all`) and/or by sequence name. */
export interface MusicBeatSource {
  readonly all?: readonly number[];
  readonly bySequence: ReadonlyMap<string, readonly number[]>;
}

/** The beats of one sequence: by its name, then by its file stem (`stem/i` in shards), then `all`. */
export function beatsFor(source: MusicBeatSource, name: string): readonly number[] | undefined {
  return source.bySequence.get(name) ?? source.bySequence.get(name.split("/")[0]!) ?? source.all;
}

/** Frames where a one-hot (or any) beat array is non-zero. */
export function beatFramesFromOneHot(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) out.push(i);
  return out;
}

/** Beats from an array: bool/float 1-D = one-hot, integer 1-D = frame list, (T, 438) col 53, (T, 35) last col. */
export function beatFramesFromArray(array: NdArray, source = "<array>"): number[] {
  const data = Array.from(array.data as ArrayLike<number | bigint>, Number);
  const [t = 0, f = 1] = array.shape;
  if (array.shape.length === 2) {
    const col = f === 438 ? BAILANDO438_BEAT_COLUMN : f - 1;
    return beatFramesFromOneHot(Array.from({ length: t }, (_, i) => data[i * f + col]!));
  }
  if (array.shape.length !== 1)
    throw new InvalidMotionInput(source, `beats must be 1-D or (T, F), got (${array.shape.join("×")})`);
  const isFrameList =
    array.dtype.startsWith("int") || array.dtype.startsWith("uint") ? array.dtype !== "uint8" : false;
  return isFrameList ? data : beatFramesFromOneHot(data);
}

function fromJson(value: unknown, source: string): MusicBeatSource {
  const list = (v: unknown): number[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === "number"))
      throw new InvalidMotionInput(source, "beats must be lists of numbers");
    const isOneHot = v.length > 0 && v.every((x) => x === 0 || x === 1) && v.some((x) => x === 0);
    return isOneHot ? beatFramesFromOneHot(v) : v;
  };
  if (Array.isArray(value)) return { all: list(value), bySequence: new Map() };
  if (typeof value === "object" && value !== null) {
    return { bySequence: new Map(Object.entries(value).map(([k, v]) => [k, list(v)])) };
  }
  throw new InvalidMotionInput(source, "beats JSON must be a list or an object of lists");
}

export interface AudioBeatOptions {
  /** `bailando` (default) or `fact`. */
  readonly method?: "bailando" | "fact";
  /** FACT's start tempo (mint derives it from the music name); default 120. */
  readonly startBpm?: number;
}

/** Beat frames at 60 fps computed from mono PCM by the named method. */
export function beatFramesFromAudio(
  pcm: Float32Array,
  sampleRateHz: number,
  options: AudioBeatOptions = {},
): number[] {
  if ((options.method ?? "bailando") === "bailando") {
    const f = bailando438Features(pcm, sampleRateHz);
    return beatFramesFromOneHot(
      Array.from({ length: f.nFrames }, (_, t) => f.data[t * f.nFeatures + BAILANDO438_BEAT_COLUMN]!),
    );
  }
  const sr = FACT35_SAMPLE_RATE_HZ;
  const y =
    sampleRateHz === sr ? pcm : resample(pcm, { origSampleRateHz: sampleRateHz, targetSampleRateHz: sr });
  const env = onsetStrength(y, { sampleRateHz: sr });
  return Array.from(
    beatTrack(env, { sampleRateHz: sr, startBpm: options.startBpm ?? 120, tightness: 100 }).beats,
  );
}

async function fromFile(
  file: string,
  options: AudioBeatOptions,
): Promise<readonly number[] | MusicBeatSource> {
  const ext = extname(file).toLowerCase();
  if (ext === ".json") {
    assertRegularFile(file);
    const text = await readFile(file, "utf8").catch((cause: unknown) => {
      throw new EvalInputMissing(file, "cannot read the beats file", { cause });
    });
    let value: unknown;
    try {
      value = parseJsonText(text, file);
    } catch (cause) {
      throw new InvalidMotionInput(file, `beats file: ${(cause as InvalidJsonFile).problem}`, { cause });
    }
    return fromJson(value, file);
  }
  if (ext === ".npy") {
    const a = await readNpy(file, { file });
    if (a.dtype === "object") throw new InvalidMotionInput(file, "object arrays are not beats");
    return beatFramesFromArray(a, file);
  }
  if (ext === ".wav") {
    const wav = await readWav(file);
    return beatFramesFromAudio(wav.samples, wav.sampleRateHz, options);
  }
  throw new InvalidMotionInput(file, `unsupported beats file ${ext} (use .json, .npy or .wav)`);
}

/** Loads `--music-beats`: a file (list for all, or JSON by name) or a folder of `<sequence>.{json,npy,wav}`. */
export async function loadMusicBeats(path: string, options: AudioBeatOptions = {}): Promise<MusicBeatSource> {
  let entries: string[] | undefined;
  try {
    entries = (await readdir(path)).sort();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new EvalInputMissing(path, "no such beats file or folder", { cause });
    if (code !== "ENOTDIR") throw new EvalInputMissing(path, "cannot read beats", { cause });
  }
  if (entries === undefined) {
    const r = await fromFile(path, options);
    return Array.isArray(r) ? { all: r as number[], bySequence: new Map() } : (r as MusicBeatSource);
  }
  const bySequence = new Map<string, readonly number[]>();
  for (const e of entries.filter((x) => [".json", ".npy", ".wav"].includes(extname(x).toLowerCase()))) {
    const r = await fromFile(join(path, e), options);
    if (Array.isArray(r)) bySequence.set(basename(e, extname(e)), r as number[]);
    else for (const [k, v] of (r as MusicBeatSource).bySequence) bySequence.set(k, v);
  }
  return { bySequence };
}
