/**
 * JustLMD's automatic slicing of synced lyrics into ≥ 6 s groups (`autoSlice` in jot-ctrl/justLMD
 * `Pipeline/2_SLICE.py`, the version that wrote the released `sliced.json` files: `.lstrip()`ped text,
 * `json.dump(indent=4, ensure_ascii=False)`), the `sliced.json` text itself, and the sequences the JustLMD
 * loader (`MRVNY/JustLMD_Dataset LMD_Dataset.py`) cuts from it: key `<song>_<int seconds>`, the last group
 * dropped, dance frames counted from the first group. Quirks are kept on purpose and marked `parity:`.
 */
import { InvalidFormat } from "./errors.js";
import { parseJsonAs } from "./internal/jsonText.js";
import { pyJsonStringDict, pyLstrip } from "./internal/pythonText.js";
import { formatLrcTimestamp, lrcSeconds } from "./lrc.js";
import type { LrcLine } from "./lrc.js";

/** One `sliced.json` entry: a group start and its joined lyrics. */
export interface SliceEntry {
  readonly timestamp: string;
  readonly seconds: number;
  readonly text: string;
}

export interface AutoSliceOptions {
  /** A group closes at the first line starting strictly more than this after the group start (default 6). */
  readonly sequenceLengthSec?: number;
}

/** Groups LRC lines exactly as JustLMD's `autoSlice`, in order of first insertion. */
export function autoSlice(lines: readonly LrcLine[], options: AutoSliceOptions = {}): SliceEntry[] {
  const lengthSec = options.sequenceLengthSec ?? 6;
  const first = lines[0];
  if (first === undefined) return [];
  // parity: a Python dict, so a key written twice keeps its first position and takes the last value
  const out = new Map<string, SliceEntry>();
  let groupStart = first;
  let groupText = "";
  for (const line of lines) {
    // parity: strict `>`, and a group starting at 0 s closes at every line (so a 00:00 first line gives "")
    if (line.seconds - groupStart.seconds > lengthSec || groupStart.seconds === 0) {
      out.set(groupStart.timestamp, {
        timestamp: groupStart.timestamp,
        seconds: groupStart.seconds,
        text: pyLstrip(groupText),
      });
      groupText = line.text;
      groupStart = line;
    } else {
      // parity: joined with a space although texts usually start with one, hence double spaces
      groupText = `${groupText} ${line.text}`;
    }
  }
  // parity: the last group is never written
  return [...out.values()];
}

/** The `sliced.json` text as JustLMD writes it: 4-space indent, UTF-8 as is, no final newline. */
export function formatSlicedJson(entries: readonly SliceEntry[]): string {
  return pyJsonStringDict(
    entries.map((e) => [e.timestamp, e.text] as const),
    { indent: 4, ensureAscii: false },
  );
}

/** Parses a `sliced.json` text, keeping key order. */
export function parseSlicedJson(text: string, file = "<sliced.json>"): SliceEntry[] {
  const value = parseJsonAs(text, file);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidFormat(file, "expected an object of timestamp → lyrics");
  }
  return Object.entries(value).map(([timestamp, lyrics]) => {
    const seconds = lrcSeconds(timestamp);
    if (seconds === undefined || typeof lyrics !== "string") {
      throw new InvalidFormat(file, `bad entry '${timestamp}'`);
    }
    return { timestamp, seconds, text: lyrics };
  });
}

/** One JustLMD training sequence cut from `sliced.json`. */
export interface LmdSequence {
  /** `<song>_<int seconds>`. */
  readonly key: string;
  readonly timestamp: string;
  readonly text: string;
  /** Music offset: absolute song time (the audio is not trimmed). */
  readonly startSec: number;
  /** Dance offset: relative to the first group (the video was trimmed there). */
  readonly trimmedSec: number;
  /** Frame keys of `smplfull.json` (`zfill(6)`), `fps × sequenceLengthSec` of them. */
  readonly frameKeys: readonly string[];
}

export interface SequenceOptions {
  readonly fps?: number;
  readonly sequenceLengthSec?: number;
}

/** The sequences JustLMD's loader builds from one song's `sliced.json` (all entries but the last). */
export function lmdSequences(
  song: string,
  entries: readonly SliceEntry[],
  options: SequenceOptions = {},
): LmdSequence[] {
  const fps = options.fps ?? 30;
  const frames = Math.trunc(fps * (options.sequenceLengthSec ?? 6));
  const first = entries[0];
  if (first === undefined) return [];
  // parity: "To avoid the last sequence being shorter than 6s"
  return entries.slice(0, -1).map((entry) => {
    // parity: the relative start goes through toTimestamp (millisecond text) and back
    const trimmedSec = lrcSeconds(formatLrcTimestamp(entry.seconds - first.seconds)) ?? 0;
    const startFrame = trimmedSec * fps;
    const frameKeys = Array.from({ length: frames }, (_, i) =>
      String(Math.trunc(startFrame + i)).padStart(6, "0"),
    );
    return {
      key: `${song}_${Math.trunc(entry.seconds)}`,
      timestamp: entry.timestamp,
      text: entry.text,
      startSec: entry.seconds,
      trimmedSec,
      frameKeys,
    };
  });
}
