/**
 * Lyric lines as SubRip (SRT) text, which ffmpeg's `subtitles` filter (libass) burns into a preview. Lines
 * come from LRC files (each line lasts until the next starts, the last `lastLineSec`) or timed lyric artifacts.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { LyricsSchema, type Lyrics } from "@choreo/core";
import { parseLrc, type LrcLine } from "@choreo/ingest";

/** `HH:MM:SS,mmm`. */
export function srtTimestamp(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

/** Timed lyric lines from LRC lines (empty lines end the previous one and are not shown). */
export function lyricsOfLrc(lines: readonly LrcLine[], lastLineSec = 4): Lyrics {
  const sorted = [...lines].sort((a, b) => a.seconds - b.seconds);
  return {
    lines: sorted
      .map((l, i) => ({
        startSec: l.seconds,
        endSec: sorted[i + 1]?.seconds ?? l.seconds + lastLineSec,
        text: l.text.trim(),
      }))
      .filter((l) => l.text !== "" && l.endSec > l.startSec),
  };
}

/** Timed lyric lines from an LRC file, or a `{ lines: [{ startSec, endSec, text }] }` JSON file. */
export async function readLyricsFile(path: string): Promise<Lyrics> {
  const text = await readFile(path, "utf8");
  if (extname(path).toLowerCase() === ".json") return LyricsSchema.parse(JSON.parse(text));
  return lyricsOfLrc(parseLrc(text, { file: path }));
}

/** SRT text of lyric lines, shifted by `offsetSec` (e.g. minus a clip's start) and cut to [0, durationSec]. */
export function formatSrt(
  lyrics: Lyrics,
  options: { offsetSec?: number; durationSec?: number } = {},
): string {
  const shift = options.offsetSec ?? 0;
  const end = options.durationSec ?? Infinity;
  const cues = lyrics.lines
    .map((l) => ({
      start: Math.max(0, l.startSec + shift),
      end: Math.min(end, l.endSec + shift),
      text: l.text.replace(/\r?\n/g, " ").trim(),
    }))
    .filter((c) => c.end > c.start && c.text !== "");
  return cues
    .map((c, i) => `${i + 1}\n${srtTimestamp(c.start)} --> ${srtTimestamp(c.end)}\n${c.text}\n`)
    .join("\n");
}
