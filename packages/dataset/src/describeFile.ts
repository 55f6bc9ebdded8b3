/**
 * What a file or folder holds, in a few lines (`choreo inspect`): dataset folders (their manifest), safetensors
 * headers, pickles (through the safe unpickler), .npy, LRC, WAV, JSON and any media ffprobe reads. Each format is a
 * describer, tried in order; the first that claims the path answers. Readers' tagged errors propagate.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { probeMedia, readLrc, readNpy, readPickle, readWavInfo } from "@choreo/ingest";
import { describeValue } from "./describeValue.js";
import { readSafetensorsHeader } from "./shardHeader.js";

type Describer = (path: string) => string | undefined | Promise<string | undefined>;

function describeDataset(path: string): string | undefined {
  if (!statSync(path).isDirectory() || !existsSync(join(path, "manifest.json"))) return undefined;
  const m = JSON.parse(readFileSync(join(path, "manifest.json"), "utf8")) as {
    name: string;
    recipe: string;
    splits: Record<
      string,
      { items: number; file: string; tensors: Record<string, { dtype: string; shape: number[] }> }
    >;
  };
  const lines = [`dataset ${m.name} (recipe ${m.recipe})`];
  for (const [split, s] of Object.entries(m.splits)) {
    lines.push(`  ${split}: ${s.items} items in ${s.file}`);
    for (const [name, t] of Object.entries(s.tensors)) {
      lines.push(`    ${name.padEnd(10)} ${t.dtype} [${t.shape.join(", ")}]`);
    }
  }
  return lines.join("\n");
}

function describeSafetensors(path: string): string | undefined {
  if (extname(path) !== ".safetensors") return undefined;
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
  const value = JSON.parse(readFileSync(path, "utf8")) as unknown;
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

async function describeMedia(path: string): Promise<string | undefined> {
  const info = await probeMedia(path).catch(() => undefined);
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

/** A few lines on what `path` (an existing file or folder) holds; its size when no describer knows the format. */
export async function describeFile(path: string): Promise<string> {
  for (const describe of describers) {
    const text = await describe(path);
    if (text !== undefined) return text;
  }
  return `${path}: ${statSync(path).size} bytes (no describer for this format)`;
}
