/**
 * The `justlmd-pth` export: a JustLMD dataset's shards as the files JustLMD's own code reads
 * (MRVNY/JustLMD_Dataset `LOAD.py`, `LMD_Dataset.py`, `GLOBAL.py`): `<name>_LMD_Dict.pth`, a `torch.save`d
 * `{key: {'lyrics', 'music', 'dance'}}` loaded with `torch.load`, and `indexing.json` `{"0": key, …}` as
 * `json.dump(indexing, indent=4, ensure_ascii=False)` writes it. Per key, as LOAD.py builds it:
 * lyrics = BERT `last_hidden_state[0]` of the sequence text ([tokens, hidden] float32, zero-padded or cut to
 * `lyrics_padding` = 180 rows by `F.pad`), music = the z-scored log-mel (float32 [180, 128], a transposed view
 * of a [128, 180] storage as `torch.from_numpy(mel).T` gives it), dance = EasyMocap `poses[0]` per frame
 * (float64 [180, 72], `torch.from_numpy(np.array(list))`). Values come from the shards bit for bit (dance
 * widened from float32). Keys in code-unit order across the chosen splits. Needs `lyricsTokens` in the shards.
 */
import { join } from "node:path";
import { z } from "zod";
import { defineStage, type Tensor } from "@choreo/core";
import { ManifestSchema } from "./manifest.js";
import { ExportInputMismatch } from "./errors.js";
import { openShardReader, type ShardReader } from "./shardReader.js";
import { writeTorchSave, type TorchTensor, type TorchValue } from "./torchSave.js";

const entry = import.meta.url;
const EXPORT = "justlmd-pth";

export interface JustlmdPthOptions {
  /** Rows of `lyrics` (JustLMD's `lyrics_padding`): token embeddings zero-padded or cut to this. Default 180. */
  readonly lyricsTokens?: number;
  /** "poses72": EasyMocap `poses` only (LOAD.py, README "Dance: 180 x 72"); "full78": poses + Th + Rh. */
  readonly dance?: "poses72" | "full78";
  /** The zip's top folder (torch.save uses the file name's stem). Default "archive". */
  readonly archiveName?: string;
}

/** Where the export's files go in a dataset folder. */
export function justlmdPthFiles(name: string): { readonly pth: string; readonly indexing: string } {
  return { pth: `exports/justlmd/${name}_LMD_Dict.pth`, indexing: "exports/justlmd/indexing.json" };
}

/** `indexing.json` as JustLMD writes it: `json.dump(indexing, f, ensure_ascii=False, indent=4)`. */
export function formatIndexingJson(keys: readonly string[]): string {
  if (keys.length === 0) return "{}";
  // parity: Python's json escapes the same characters as JSON.stringify when ensure_ascii=False.
  return `{\n${keys.map((k, i) => `    "${i}": ${JSON.stringify(k)}`).join(",\n")}\n}`;
}

function need(reader: ShardReader, name: string, dtype: string, path: string): void {
  const t = reader.header.tensors[name];
  if (t === undefined || t.dtype !== dtype)
    throw new ExportInputMismatch(
      EXPORT,
      name === "lyricsTokens"
        ? `${path} has no lyricsTokens (token-level BERT embeddings): build the dataset with justlmd.lyrics set`
        : `${path} needs a ${dtype} tensor ${name}`,
    );
}

function rows2d(reader: ShardReader, name: string, index: number): [number, number] {
  const shape = reader.itemShape(name, index);
  if (shape.length !== 2)
    throw new ExportInputMismatch(
      EXPORT,
      `${name} of item ${reader.ids[index]} is [${shape.join(", ")}], not 2-D`,
    );
  return [shape[0]!, shape[1]!];
}

/** One sequence's `{lyrics, music, dance}`, each storage read from the shard only when it is written. */
function sequenceEntry(
  reader: ShardReader,
  index: number,
  options: Required<Omit<JustlmdPthOptions, "archiveName">>,
): TorchValue {
  const [tokens, hidden] = rows2d(reader, "lyricsTokens", index);
  const [frames, mels] = rows2d(reader, "music", index);
  const [danceFrames, danceDims] = rows2d(reader, "dance", index);
  const padded = options.lyricsTokens;
  const keep = options.dance === "poses72" ? 72 : 78;
  if (danceDims !== 78)
    throw new ExportInputMismatch(EXPORT, `dance is [${danceFrames}, ${danceDims}], not 78 wide`);
  const read = (name: string): Tensor["data"] => reader.item(name, index).data;
  const lyrics: TorchTensor = {
    dtype: "float32",
    shape: [padded, hidden],
    data: {
      numel: padded * hidden,
      read: () => {
        // parity: F.pad(x, (0, 0, 0, 180 - n)) pads with zeros, and cuts when n > 180 (negative pad).
        const out = new Float32Array(padded * hidden);
        out.set((read("lyricsTokens") as Float32Array).subarray(0, Math.min(tokens, padded) * hidden));
        return out;
      },
    },
  };
  const music: TorchTensor = {
    dtype: "float32",
    shape: [frames, mels],
    strides: [1, frames],
    data: {
      numel: frames * mels,
      read: () => {
        // parity: torch.from_numpy(mel_spec_db_norm).T — the storage is the [mels, frames] array.
        const m = read("music") as Float32Array;
        const out = new Float32Array(frames * mels);
        for (let t = 0; t < frames; t++)
          for (let k = 0; k < mels; k++) out[k * frames + t] = m[t * mels + k]!;
        return out;
      },
    },
  };
  const dance: TorchTensor = {
    dtype: "float64",
    shape: [danceFrames, keep],
    data: {
      numel: danceFrames * keep,
      read: () => {
        const d = read("dance") as Float32Array;
        const out = new Float64Array(danceFrames * keep);
        for (let t = 0; t < danceFrames; t++)
          for (let c = 0; c < keep; c++) out[t * keep + c] = d[t * 78 + c]!;
        return out;
      },
    },
  };
  return { lyrics, music, dance };
}

/**
 * Writes JustLMD's dict of the sequences in the shards at `shardPaths` to `path` (a `.pth`), streaming one
 * storage at a time; returns the keys in index order (the content of `indexing.json`).
 */
export function writeJustlmdPth(
  path: string,
  shardPaths: readonly string[],
  options: JustlmdPthOptions = {},
): string[] {
  const resolved = { lyricsTokens: options.lyricsTokens ?? 180, dance: options.dance ?? "poses72" } as const;
  const readers = shardPaths.map((p) => openShardReader(p));
  try {
    const where = new Map<string, [ShardReader, number]>();
    readers.forEach((r, k) => {
      need(r, "lyricsTokens", "F32", shardPaths[k]!);
      need(r, "music", "F32", shardPaths[k]!);
      need(r, "dance", "F32", shardPaths[k]!);
      r.ids.forEach((id, i) => {
        if (where.has(id)) throw new ExportInputMismatch(EXPORT, `sequence ${id} appears twice`);
        where.set(id, [r, i]);
      });
    });
    const keys = [...where.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const dict: Record<string, TorchValue> = {};
    for (const key of keys) {
      const [r, i] = where.get(key)!;
      dict[key] = sequenceEntry(r, i, resolved);
    }
    writeTorchSave(path, dict, options.archiveName === undefined ? {} : { archiveName: options.archiveName });
    return keys;
  } finally {
    for (const r of readers) r.close();
  }
}

export const JustlmdPthParamsSchema = z.object({
  name: z.string(),
  lyricsTokens: z.number().int().positive().default(180),
  dance: z.enum(["poses72", "full78"]).default("poses72"),
  /** Splits to include (default: every split of the manifest). */
  splits: z.array(z.string()).optional(),
});

export const exportJustlmdPthStage = defineStage({
  id: "dataset.exportJustlmdPth",
  version: 1,
  params: JustlmdPthParamsSchema,
  inputs: { shards: ["shard"], manifest: "manifest" },
  outputs: { pth: "media", indexing: "json" },
  entry,
  run: async ({ inputs, params, ctx }) => {
    const manifest = ctx.readJson(inputs.manifest, ManifestSchema);
    const splits = params.splits ?? Object.keys(manifest.splits);
    const shardPaths = splits.map((split) => {
      const digest = manifest.splits[split]?.digest;
      const shard = inputs.shards.find((s) => s.digest === digest);
      if (shard === undefined)
        throw new ExportInputMismatch(EXPORT, `no shard of split ${split} among the inputs`);
      return ctx.pathOf(shard);
    });
    const file = `${params.name}_LMD_Dict.pth`;
    const path = join(ctx.scratchDir(), file);
    const keys = writeJustlmdPth(path, shardPaths, {
      lyricsTokens: params.lyricsTokens,
      dance: params.dance,
      archiveName: `${params.name}_LMD_Dict`,
    });
    return {
      pth: await ctx.importFile("media", path, { container: "pth", file, items: keys.length }),
      indexing: ctx.writeText("json", formatIndexingJson(keys), { format: "json", file: "indexing.json" }),
    };
  },
});
