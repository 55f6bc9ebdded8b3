/**
 * What a file or folder holds, in a few lines (`choreo inspect`): dataset folders (their manifest), safetensors
 * headers, pickles (through the safe unpickler), .npy, LRC, WAV, JSON and any media ffprobe reads. Each format is a
 * describer, tried in order; the first that claims the path answers. Readers' tagged errors propagate (also
 * ffprobe's, for a file whose extension promises media). Dataset shards are checked against their manifest.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { probeMedia, readLrc, readNpy, readPickle, readWavInfo } from "@choreo/ingest";
import { parseJsonText } from "@choreo/core";
import { checkShardFile, readCheckedManifest, type ShardCheckOptions } from "./checkedManifest.js";
import { describeValue } from "./describeValue.js";
import { readSafetensorsHeader } from "./shardHeader.js";

type Describer = (
  path: string,
  options: ShardCheckOptions,
) => string | undefined | Promise<string | undefined>;

function describeDataset(path: string, options: ShardCheckOptions): string | undefined {
  if (!statSync(path).isDirectory() || !existsSync(join(path, "manifest.json"))) return undefined;
  const m = readCheckedManifest(path, options);
  const lines = [`dataset ${m.name} (recipe ${m.recipe})`];
  for (const [split, s] of Object.entries(m.splits)) {
    lines.push(`  ${split}: ${s.items} items in ${s.file}`);
    for (const [name, t] of Object.entries(s.tensors)) {
      lines.push(`    ${name.padEnd(10)} ${t.dtype} [${t.shape.join(", ")}]`);
    }
  }
  return lines.join("\n");
}

function describeSafetensors(path: string, options: ShardCheckOptions): string | undefined {
  if (extname(path) !== ".safetensors") return undefined;
  checkShardFile(path, options);
  const h = readSafetensorsHeader(path);
  const lines = [`safetensors ${path}`];
  for (const [name, t] of Object.entries(h.tensors)) {
    lines.push(`  ${name.padEnd(12)} ${t.dtype} [${t.shape.join(", ")}]`);
  }
  for (const [k, v] of Object.entries(h.metadata)) {
    lines.push(`  meta ${k}: ${v.length > 80 ? `${v.slice(0, 77)}...` : v}`);
  }
  return lines.join("\n");
}

function describeWav(path: string): string | undefined {
  if (extname(path).toLowerCase() !== ".wav") return undefined;
  const info = readWavInfo(readFileSync(path), path);
  const seconds = (info.frames / info.sampleRateHz).toFixed(3);
  return `wav ${path}: ${info.channels} ch, ${info.sampleRateHz} Hz, ${info.format}, ${info.frames} frames (${seconds} s)`;
}

function describeJson(path: string): string | undefined {
  if (extname(path) !== ".json") return undefined;
  const value = parseJsonText(readFileSync(path, "utf8"), path);
  if (Array.isArray(value)) return `json ${path}: array of ${value.length}`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    const shown = `${keys.slice(0, 8).join(", ")}${keys.length > 8 ? ", …" : ""}`;
    return `json ${path}: object with ${keys.length} keys (${shown})`;
  }
  return `json ${path}: ${typeof value}`;
}

async function describePickle(path: string): Promise<string | undefined> {
  if (extname(path) !== ".pkl" && extname(path) !== ".pickle") return undefined;
  return [`pickle ${path}`, ...describeValue(await readPickle(path), 1)].join("\n");
}

async function describeNpy(path: string): Promise<string | undefined> {
  if (extname(path) !== ".npy") return undefined;
  return [`npy ${path}`, ...describeValue(await readNpy(path, { allowPickle: true }), 1)].join("\n");
}

async function describeLrc(path: string): Promise<string | undefined> {
  if (extname(path).toLowerCase() !== ".lrc") return undefined;
  const lines = await readLrc(path);
  const last = lines.at(-1);
  const end = last !== undefined ? ` (${last.seconds.toFixed(2)} s)` : "";
  return `lrc ${path}: ${lines.length} lines, ${lines[0]?.timestamp ?? "-"} to ${last?.timestamp ?? "-"}${end}`;
}

/** Extensions that promise an image, video or audio: a file that is none of them is an error, not "unknown". */
const mediaExtensions = new Set([
  ...[".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"],
  ...[".mp4", ".mov", ".mkv", ".webm", ".avi", ".mp3", ".flac", ".ogg", ".m4a", ".aac"],
]);

async function describeMedia(path: string): Promise<string | undefined> {
  const claimed = mediaExtensions.has(extname(path).toLowerCase());
  const info = await probeMedia(path).catch((error: unknown) => {
    if (claimed) throw error;
    return undefined;
  });
  if (info === undefined || info.streams.length === 0) return undefined;
  const lines = [
    `media ${path}: ${info.formatName}, ${info.durationSec.toFixed(3)} s, ${info.sizeBytes} bytes`,
  ];
  const { video: v, audio: a } = info;
  if (v !== undefined) {
    const frames = v.frames !== undefined ? `, ${v.frames} frames` : "";
    lines.push(`  video ${v.width}×${v.height} ${v.fps.toFixed(3)} fps${frames}`);
  }
  if (a !== undefined) lines.push(`  audio ${a.sampleRateHz} Hz, ${a.channels} ch`);
  lines.push(`  ${info.streams.length} stream(s)`);
  return lines.join("\n");
}

const describers: Describer[] = [
  describeDataset,
  describeSafetensors,
  describeWav,
  describeJson,
  describePickle,
  describeNpy,
  describeLrc,
  describeMedia,
];

/**
 * A few lines on what `path` (an existing file or folder) holds; its size when no describer knows the format.
 * Dataset folders and their shards are checked against the manifest first (`options`: see ShardCheckOptions).
 */
export async function describeFile(path: string, options: ShardCheckOptions = {}): Promise<string> {
  for (const describe of describers) {
    const text = await describe(path, options);
    if (text !== undefined) return text;
  }
  return `${path}: ${statSync(path).size} bytes (no describer for this format)`;
}
