/**
 * Loads the librosa 0.11 golden fixtures written by fixtures/make-librosa-fixtures.mjs: gzipped JSON whose large
 * arrays are base64 typed arrays. Also the worst-error helpers the parity tests share.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { readTestWav, type TestAudio } from "./wav.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "librosa");

export type Packed = Float32Array | Float64Array | Int32Array;
export const GOLDEN_KEYS = ["a", "b", "c", "d", "e", "f"] as const;
export type GoldenKey = (typeof GOLDEN_KEYS)[number];

function revive(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(revive);
  if (node === null || typeof node !== "object") return node;
  const rec = node as Record<string, unknown>;
  if (typeof rec.$t === "string" && typeof rec.b64 === "string") {
    const buf = Buffer.from(rec.b64, "base64");
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    return rec.$t === "f32"
      ? new Float32Array(ab)
      : rec.$t === "f64"
        ? new Float64Array(ab)
        : new Int32Array(ab);
  }
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, revive(v)]));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- golden documents are loosely typed JSON
export type GoldenDoc = { file: string; features: Record<string, any> };

const cache = new Map<string, GoldenDoc>();
export function loadGolden(key: GoldenKey | "filters"): GoldenDoc {
  let doc = cache.get(key);
  if (doc === undefined) {
    const raw: unknown = JSON.parse(
      gunzipSync(readFileSync(join(dir, `${key}.golden.json.gz`))).toString("utf8"),
    );
    doc = (key === "filters" ? { file: "filters", features: revive(raw) } : revive(raw)) as GoldenDoc;
    cache.set(key, doc);
  }
  return doc;
}

const audioCache = new Map<string, TestAudio>();
export function loadAudio(key: GoldenKey): TestAudio {
  let audio = audioCache.get(key);
  if (audio === undefined) {
    audio = readTestWav(join(dir, `${key}.wav.gz`));
    audioCache.set(key, audio);
  }
  return audio;
}

/** max |a − b| and max |b| over the arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { diff: number; max: number } {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0,
    max = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    max = Math.max(max, Math.abs(b[i]!));
  }
  return { diff, max };
}

/** Worst violation ratio of |a−b| ≤ atol + rtol·|b| (≤ 1 passes). */
export function allcloseRatio(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rtol: number,
  atol: number,
): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (atol + rtol * Math.abs(b[i]!)));
  return worst;
}
