/**
 * `choreo inspect FILE|DIR`: what a file holds (shapes, dtypes, durations): dataset folders, safetensors,
 * pickles (through the safe unpickler), .npy, LRC, WAV, JSON and any media ffprobe reads. Each format is a
 * describer in `describers`, tried in order; the first that claims the file answers.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { z } from "zod";
import { assertRegularFile, readJsonFile } from "@choreo/core";
import { readSafetensorsHeader } from "@choreo/dataset";
import { probeMedia, readLrc, readNpy, readPickle, readWavInfo } from "@choreo/ingest";
import { describeValue } from "../inspectValue.js";
import { defineCommand } from "../command.js";

type Describer = (path: string) => string | undefined | Promise<string | undefined>;

const InspectManifest = z.looseObject({
  name: z.string(),
  recipe: z.string(),
  splits: z.record(
    z.string(),
    z.looseObject({
      items: z.number(),
      file: z.string(),
      tensors: z.record(z.string(), z.looseObject({ dtype: z.string(), shape: z.array(z.number()) })),
    }),
  ),
});

function describeDataset(path: string): string | undefined {
  if (!statSync(path).isDirectory() || !existsSync(join(path, "manifest.json"))) return undefined;
  const m = readJsonFile(join(path, "manifest.json"), InspectManifest);
  const lines = [`dataset ${m.name} (recipe ${m.recipe})`];
  for (const [split, s] of Object.entries(m.splits)) {
    lines.push(`  ${split}: ${s.items} items in ${s.file}`);
    for (const [name, t] of Object.entries(s.tensors)) lines.push(`    ${name.padEnd(10)} ${t.dtype} [${t.shape.join(", ")}]`);
  }
  return lines.join("\n");
}

function describeSafetensors(path: string): string | undefined {
  if (extname(path) !== ".safetensors") return undefined;
  const h = readSafetensorsHeader(path);
  const lines = [`safetensors ${path}`];
  for (const [name, t] of Object.entries(h.tensors)) lines.push(`  ${name.padEnd(12)} ${t.dtype} [${t.shape.join(", ")}]`);
  for (const [k, v] of Object.entries(h.metadata)) lines.push(`  meta ${k}: ${v.length > 80 ? `${v.slice(0, 77)}...` : v}`);
  return lines.join("\n");
}

function describeWav(path: string): string | undefined {
  if (extname(path).toLowerCase() !== ".wav") return undefined;
  const info = readWavInfo(readFileSync(path), path);
  return `wav ${path}: ${info.channels} ch, ${info.sampleRateHz} Hz, ${info.format}, ${info.frames} frames (${(info.frames / info.sampleRateHz).toFixed(3)} s)`;
}

function describeJson(path: string): string | undefined {
  if (extname(path) !== ".json") return undefined;
  const value = readJsonFile(path);
  if (Array.isArray(value)) return `json ${path}: array of ${value.length}`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    return `json ${path}: object with ${keys.length} keys (${keys.slice(0, 8).join(", ")}${keys.length > 8 ? ", …" : ""})`;
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
  return `lrc ${path}: ${lines.length} lines, ${lines[0]?.timestamp ?? "-"} to ${last?.timestamp ?? "-"}${last !== undefined ? ` (${last.seconds.toFixed(2)} s)` : ""}`;
}

async function describeMedia(path: string): Promise<string | undefined> {
  const info = await probeMedia(path).catch(() => undefined);
  if (info === undefined || info.streams.length === 0) return undefined;
  const lines = [`media ${path}: ${info.formatName}, ${info.durationSec.toFixed(3)} s, ${info.sizeBytes} bytes`];
  const v = info.video;
  const a = info.audio;
  if (v !== undefined) lines.push(`  video ${v.width}×${v.height} ${v.fps.toFixed(3)} fps${v.frames !== undefined ? `, ${v.frames} frames` : ""}`);
  if (a !== undefined) lines.push(`  audio ${a.sampleRateHz} Hz, ${a.channels} ch`);
  lines.push(`  ${info.streams.length} stream(s)`);
  return lines.join("\n");
}

export const describers: Describer[] = [
  describeDataset,
  describeSafetensors,
  describeWav,
  describeJson,
  describePickle,
  describeNpy,
  describeLrc,
  describeMedia,
];

export default defineCommand({
  words: ["inspect"],
  usage: "choreo inspect FILE|DIR",
  describe: "show what a file or dataset holds",
  options: {},
  async run(ctx) {
    const path = ctx.positionals[0];
    if (path === undefined) {
      ctx.stderr.write("usage: choreo inspect FILE|DIR\n");
      return 2;
    }
    if (!existsSync(path)) {
      ctx.stderr.write(`[runner] ${path}: no such file\n`);
      return 1;
    }
    // A FIFO, socket or device would block or never end: refused before any describer opens it.
    if (!statSync(path).isDirectory()) assertRegularFile(path);
    for (const describe of describers) {
      const text = await describe(path);
      if (text !== undefined) {
        ctx.stdout.write(`${text}\n`);
        return 0;
      }
    }
    ctx.stdout.write(`${path}: ${statSync(path).size} bytes (no describer for this format)\n`);
    return 0;
  },
});
