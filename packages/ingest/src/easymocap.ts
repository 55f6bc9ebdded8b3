/**
 * EasyMocap SMPL parameters as JustLMD stores them (formats.md §3): `smplfull.json` (frames keyed by 6-digit
 * strings, in any key order) and per-frame folders `<frame>.json` (a list of people, or an object whose
 * `annots` is that list; poses of 69 values get EasyMocap's 3 leading zeros to make 72). Reads into typed
 * arrays, reports missing frames, and writes `smplfull.json` with JustLMD's layout (4_EXTRACT.py: Python
 * `json.dump` then a newline and tabs before each key). It does not run SMPL or handle SMPL-H/X hands.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { assertRegularFile } from "@choreo/core";
import { InvalidFormat, MissingFrames } from "./errors.js";
import { parseJsonAs } from "./internal/jsonText.js";
import { pyFloatRepr } from "./internal/pythonText.js";

const Row = z.array(z.number());
const Person = z.looseObject({
  id: z.number().optional(),
  shapes: z.array(Row).optional(),
  poses: z.array(Row).min(1),
  Rh: z.array(Row).min(1),
  Th: z.array(Row).min(1),
});
const FrameObject = z.looseObject({ annots: z.array(Person) });
const FrameFile = z.union([FrameObject, z.array(Person)]);
/** One EasyMocap person: axis-angle `poses` (1×72 or 1×69), root rotation `Rh`, translation `Th`, betas. */
export type EasyMocapPerson = z.infer<typeof Person>;
/** One frame: camera fields (if any) and the people in it. */
export type EasyMocapFrame = z.infer<typeof FrameObject>;

/** Frames by number, with the 6-digit key each came from. */
export interface SmplFull {
  readonly file: string;
  /** Frame number → frame, in ascending frame order. */
  readonly frames: ReadonlyMap<number, EasyMocapFrame>;
}

/** Parses `smplfull.json` text; frame keys must be digit strings. */
export function parseSmplFull(text: string, file = "<smplfull.json>"): SmplFull {
  const value = parseJsonAs(text, file);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InvalidFormat(file, "expected an object of frames");
  const entries: [number, EasyMocapFrame][] = [];
  for (const [key, raw] of Object.entries(value)) {
    if (!/^\d+$/.test(key)) throw new InvalidFormat(file, `frame key '${key}' is not a frame number`);
    entries.push([Number(key), parseFrame(raw, `${file}#${key}`)]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  return { file, frames: new Map(entries) };
}

function parseFrame(raw: unknown, where: string): EasyMocapFrame {
  const parsed = FrameFile.safeParse(raw);
  if (!parsed.success)
    throw new InvalidFormat(
      where,
      `not an EasyMocap frame: ${parsed.error.issues[0]?.message ?? "bad shape"}`,
    );
  return Array.isArray(parsed.data) ? { annots: parsed.data } : parsed.data;
}

/** Reads `smplfull.json`. */
export async function readSmplFull(path: string): Promise<SmplFull> {
  assertRegularFile(path);
  const text = await readFile(path, "utf8").catch((cause: unknown) => {
    throw new InvalidFormat(path, "cannot read smplfull.json", { cause });
  });
  return parseSmplFull(text, path);
}

/** Reads a per-frame folder (`000000.json`, …) into the same shape as `smplfull.json`. */
export async function readEasyMocapFolder(dir: string): Promise<SmplFull> {
  const names = (await readdir(dir)).filter((n) => /^\d+\.json$/.test(n));
  const entries = await Promise.all(
    names.map(async (name): Promise<[number, EasyMocapFrame]> => {
      const path = join(dir, name);
      assertRegularFile(path);
      const text = await readFile(path, "utf8").catch((cause: unknown) => {
        throw new InvalidFormat(path, "cannot read the frame file", { cause });
      });
      return [Number(name.slice(0, -5)), parseFrame(parseJsonAs(text, path), path)];
    }),
  );
  entries.sort((a, b) => a[0] - b[0]);
  return { file: dir, frames: new Map(entries) };
}

/** Frame numbers missing between the first and the last frame (gaps). */
export function missingFrames(smpl: SmplFull): number[] {
  const keys = [...smpl.frames.keys()];
  const missing: number[] = [];
  for (let f = keys[0] ?? 0, i = 0; i < keys.length; f++) {
    if (keys[i] === f) i++;
    else missing.push(f);
  }
  return missing;
}

/** SMPL parameters of one person over frames, as typed arrays. */
export interface SmplMotion {
  readonly frames: number;
  /** frames × 72 axis-angle (first 3 = 0 in EasyMocap's convention; the root rotation is `rh`). */
  readonly poses: Float32Array;
  /** frames × 3 root rotation (axis-angle). */
  readonly rh: Float32Array;
  /** frames × 3 translation (camera coordinates, metres). */
  readonly th: Float32Array;
  /** 10 betas of the first frame. */
  readonly shapes: Float32Array;
}

/** 72 pose values of a person: 69 values get EasyMocap's `export_full_poses` 3 leading zeros. */
export function fullPoses(person: EasyMocapPerson, where: string): number[] {
  const row = person.poses[0]!;
  if (row.length === 72) return row;
  if (row.length === 69) return [0, 0, 0, ...row];
  throw new InvalidFormat(where, `poses has ${row.length} values, expected 69 or 72`);
}

/**
 * Gathers person `personIndex` (default 0) over the given frame numbers (default: every frame);
 * throws `MissingFrames` listing the 6-digit keys of absent frames or frames without that person.
 */
export function smplMotion(
  smpl: SmplFull,
  options: { frameNumbers?: readonly number[]; personIndex?: number } = {},
): SmplMotion {
  const numbers = options.frameNumbers ?? [...smpl.frames.keys()];
  const personIndex = options.personIndex ?? 0;
  const missing = numbers.filter((n) => smpl.frames.get(n)?.annots[personIndex] === undefined);
  if (missing.length > 0) throw new MissingFrames(smpl.file, missing.map(frameKey));
  const poses = new Float32Array(numbers.length * 72);
  const rh = new Float32Array(numbers.length * 3);
  const th = new Float32Array(numbers.length * 3);
  let shapes = new Float32Array(10);
  numbers.forEach((n, t) => {
    const person = smpl.frames.get(n)!.annots[personIndex]!;
    const where = `${smpl.file}#${frameKey(n)}`;
    poses.set(fullPoses(person, where), t * 72);
    rh.set(vector3(person.Rh, "Rh", where), t * 3);
    th.set(vector3(person.Th, "Th", where), t * 3);
    if (t === 0 && person.shapes?.[0] !== undefined) shapes = Float32Array.from(person.shapes[0]);
  });
  return { frames: numbers.length, poses, rh, th, shapes };
}

function vector3(rows: number[][], name: string, where: string): number[] {
  const row = rows[0]!;
  if (row.length !== 3) throw new InvalidFormat(where, `${name} has ${row.length} values, expected 3`);
  return row;
}

/** `str(n).zfill(6)`. */
export function frameKey(n: number): string {
  return String(n).padStart(6, "0");
}

/** JustLMD's dance tensor for frame keys: per frame `poses[0] + Th[0] + Rh[0]` → frames × 78. */
export function lmdDance(smpl: SmplFull, frameKeys: readonly string[]): Float32Array {
  const motion = smplMotion(smpl, { frameNumbers: frameKeys.map(Number) });
  const out = new Float32Array(motion.frames * 78);
  for (let t = 0; t < motion.frames; t++) {
    out.set(motion.poses.subarray(t * 72, t * 72 + 72), t * 78);
    out.set(motion.th.subarray(t * 3, t * 3 + 3), t * 78 + 72);
    out.set(motion.rh.subarray(t * 3, t * 3 + 3), t * 78 + 75);
  }
  return out;
}

const KEY_TABS: Record<string, string> = {
  K: "\t",
  R: "\t",
  T: "\t",
  annots: "\t",
  id: "\t\t",
  shapes: "\t\t",
  poses: "\t\t",
  Rh: "\t\t",
  Th: "\t\t",
};

function pyJson(value: unknown): string {
  if (typeof value === "number") return pyFloatRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    // parity: 4_EXTRACT.py puts a newline, then tabs for known keys, before every `"key":`
    const items = Object.entries(value).map(([k, v]) => {
      const text = k === "id" && Number.isInteger(v) ? String(v) : pyJson(v); // the only integer field
      return `\n${KEY_TABS[k] ?? ""}${JSON.stringify(k)}: ${text}`;
    });
    return `{${items.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** A frame with its camera fields first and `annots` last, as EasyMocap writes them. */
function orderedFrame(frame: EasyMocapFrame): Record<string, unknown> {
  const { annots, ...camera } = frame;
  return { ...camera, annots };
}

/** `smplfull.json` text in JustLMD's layout (frames in ascending order, no final newline). */
export function formatSmplFull(smpl: Pick<SmplFull, "frames">): string {
  const items = [...smpl.frames].map(
    ([n, frame]) => `\n${JSON.stringify(frameKey(n))}: ${pyJson(orderedFrame(frame))}`,
  );
  return `{${items.join(", ")}}`;
}

/** Writes `smplfull.json` in JustLMD's layout. */
export async function writeSmplFull(path: string, smpl: Pick<SmplFull, "frames">): Promise<void> {
  await writeFile(path, formatSmplFull(smpl));
}
