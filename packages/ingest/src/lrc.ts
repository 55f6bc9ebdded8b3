/**
 * LRC lyrics as JustLMD writes and reads them (`[mm:ss.xx] text` or `[mm:ss.xxx]text`, one line each).
 * Parsing follows JustLMD's `2_SLICE.py`/`GLOBAL.py` (MRVNY/JustLMD, jot-ctrl/justLMD): lines are Python-
 * `strip()`ped, the timestamp is what lies between `[` and the first `]`, the text what lies between the first
 * and the second `]` (kept as written, leading space included), and seconds come from
 * `timedelta(minutes, seconds).total_seconds()`. Blank lines are skipped (JustLMD would crash on them);
 * metadata tags such as `[ar:…]` are not supported (none occur in the release).
 */
import { readFile } from "node:fs/promises";
import { assertRegularFile } from "@choreo/core";
import { InvalidFormat } from "./errors.js";
import { pyDivMod, pyFixed3, pyFloat, pyStrip, pyTimedeltaSeconds } from "./internal/pythonText.js";

/** One timed lyric line. */
export interface LrcLine {
  /** The timestamp text (as written, or re-formatted `mm:ss.fff` after an offset). */
  readonly timestamp: string;
  readonly seconds: number;
  /** The text after `]`, exactly as written (may be empty or start with a space). */
  readonly text: string;
  /** 1-based line number in the file. */
  readonly lineNumber: number;
}

export interface ParseLrcOptions {
  /** Names the source in errors. */
  readonly file?: string;
  /** Seconds added to every timestamp (timestamps are then re-written as `mm:ss.fff`). */
  readonly offsetSec?: number;
}

/** Seconds of an LRC timestamp `mm:ss.xxx` as JustLMD's `toSeconds`; undefined when Python would raise. */
export function lrcSeconds(timestamp: string): number | undefined {
  const parts = timestamp.split(":");
  if (parts.length !== 2) return undefined;
  const minutes = pyFloat(parts[0]!);
  const seconds = pyFloat(parts[1]!);
  if (minutes === undefined || seconds === undefined || minutes < 0 || seconds < 0) return undefined;
  return pyTimedeltaSeconds(minutes, seconds);
}

/** Formats seconds as JustLMD's `toTimestamp`: `'{:02d}:{:06.3f}'` of minutes and seconds. */
export function formatLrcTimestamp(seconds: number): string {
  const total = pyTimedeltaSeconds(0, Math.abs(seconds)) * Math.sign(seconds);
  const [minutes, rest] = pyDivMod(total, 60);
  return `${String(minutes).padStart(2, "0")}:${pyFixed3(rest).padStart(6, "0")}`;
}

/** Splits text into lines as Python's `readlines()` in text mode (universal newlines). */
function pyReadLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Timestamps past this are refused as absurd (no song, or song file, lasts a day). */
const maxLrcSeconds = 24 * 3600;

/**
 * Parses LRC text into timed lines; throws `InvalidFormat` on an empty file, a line JustLMD cannot read, a
 * line timed before the one above it, or a timestamp past 24 hours.
 */
export function parseLrc(text: string, options: ParseLrcOptions = {}): LrcLine[] {
  const file = options.file ?? "<lrc>";
  const raw = pyReadLines(text).map(pyStrip);
  const out: LrcLine[] = [];
  let previous: { seconds: number; written: string; lineNumber: number } | undefined;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (line === "") continue;
    const parts = line.split("]");
    if (!line.startsWith("[") || parts.length < 2) {
      throw new InvalidFormat(
        file,
        `line ${i + 1} is not '[mm:ss.xx] text': ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    const written = parts[0]!.slice(1);
    const seconds = lrcSeconds(written);
    if (seconds === undefined)
      throw new InvalidFormat(file, `line ${i + 1} has a bad timestamp '${written}'`);
    if (seconds > maxLrcSeconds)
      throw new InvalidFormat(file, `line ${i + 1} has a timestamp '${written}' past 24 hours`);
    if (previous !== undefined && seconds < previous.seconds)
      throw new InvalidFormat(
        file,
        `line ${i + 1} at '${written}' comes before line ${previous.lineNumber} at '${previous.written}' (LRC lines must be in time order)`,
      );
    previous = { seconds, written, lineNumber: i + 1 };
    const timestamp = options.offsetSec ? formatLrcTimestamp(seconds + options.offsetSec) : written;
    out.push({
      timestamp,
      seconds: lrcSeconds(timestamp) ?? seconds + (options.offsetSec ?? 0),
      text: parts[1]!,
      lineNumber: i + 1,
    });
  }
  if (out.length === 0) throw new InvalidFormat(file, "no lyric lines (empty LRC)");
  return out;
}

/** Reads and parses an LRC file. */
export async function readLrc(path: string, options: Omit<ParseLrcOptions, "file"> = {}): Promise<LrcLine[]> {
  assertRegularFile(path);
  const text = await readFile(path, "utf8").catch((cause: unknown) => {
    throw new InvalidFormat(path, "cannot read the LRC file", { cause });
  });
  return parseLrc(text, { ...options, file: path });
}

/**
 * The offset that puts the first line at `firstLineSec` (JustLMD syncs only the first line by hand:
 * pass the result as `offsetSec` to shift every line).
 */
export function firstLineSyncOffsetSec(lines: readonly LrcLine[], firstLineSec: number): number {
  const first = lines[0];
  return first === undefined ? 0 : firstLineSec - first.seconds;
}
