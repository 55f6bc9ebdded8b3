/**
 * DAG stages of @choreo/features, thin wrappers over the plain functions. `features.lyricEmbedding` embeds
 * one lyric sequence with a local BERT (lyricsEmbedding.ts): the model folder is configuration, not a param
 * (paths never enter keys), so it is bound when the stage is created and enters keys as the folder's content
 * digest in `tools`. It declares no worker `entry`: onnxruntime already runs inference off the main thread,
 * and a worker would re-import the default stage rather than the configured one.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { defineStage, LyricsSchema, type Tensor } from "@choreo/core";
import { z } from "zod";
import { bertModelDigest } from "./bertDigest.js";
import {
  bertModelFolder,
  DEFAULT_BERT_MODEL_ID,
  loadBertModel,
  transformersVersion,
  type BertModel,
  type BertModelOptions,
} from "./bertModel.js";
import { InvalidParameter } from "./errors.js";
import { embedLyricSequence, type TimedLyricLine } from "./lyricsEmbedding.js";

/** Where `lyricEmbeddingStage` looks for model folders: `~/.cache/choreo/models`, next to the default store. */
export const DEFAULT_MODELS_DIR = join(homedir(), ".cache", "choreo", "models");

/** A BERT location for the stage; `modelsDir` defaults to `DEFAULT_MODELS_DIR`. */
export type LyricEmbeddingStageConfig = Omit<BertModelOptions, "modelsDir"> & { readonly modelsDir?: string };

const LyricEmbeddingParams = z.object({
  /** The sequence text (JustLMD: the `sliced.json` value), embedded token by token. */
  text: z.string(),
  /** The sequence's start in song seconds (the timed lines' clock). */
  startSec: z.number().nonnegative(),
  durationSec: z.number().positive().default(6),
  fps: z.number().positive().default(30),
  alignment: z.enum(["line", "sequence"]).default("line"),
});

/**
 * `features.lyricEmbedding` bound to one BERT folder. Inputs: `lyrics`, zero or one timed-lyrics artifact
 * (without one, the whole sequence text is the one line active over the sequence). Output: an `embedding`
 * safetensors with `lyrics` (frames × hidden, the frame-aligned form), `lyricsTokens` (n_tokens × hidden),
 * `lyricsTokenIds` (n_tokens) and, for `alignment: "line"`, `lyricsActiveLine` (frames; -1 = zeros).
 * The folder must exist when the build computes keys: call `ensureBertModel` first to download it (opt-in).
 */
export function createLyricEmbeddingStage(config: LyricEmbeddingStageConfig = {}) {
  const options: BertModelOptions = { ...config, modelsDir: config.modelsDir ?? DEFAULT_MODELS_DIR };
  const folder = bertModelFolder(options);
  const modelId = options.modelId ?? DEFAULT_BERT_MODEL_ID;
  let model: Promise<BertModel> | undefined;
  const loaded = (): Promise<BertModel> =>
    (model ??= loadBertModel(options).catch((error: unknown) => {
      model = undefined;
      throw error;
    }));
  return defineStage({
    id: "features.lyricEmbedding",
    version: 1,
    params: LyricEmbeddingParams,
    inputs: { lyrics: ["lyrics"] },
    outputs: { embedding: "embedding" },
    resources: { cpu: 1 },
    tools: () => ({
      "@huggingface/transformers": transformersVersion(),
      [`bert:${modelId}`]: bertModelDigest(folder),
    }),
    run: async ({ inputs, params, ctx }) => {
      if (inputs.lyrics.length > 1) throw new InvalidParameter("lyrics", "at most one timed-lyrics artifact");
      const timed = inputs.lyrics[0];
      const endSec = params.startSec + params.durationSec;
      const lines: readonly TimedLyricLine[] =
        timed === undefined
          ? [{ startSec: params.startSec, endSec, text: params.text }]
          : ctx.readJson(timed, LyricsSchema).lines;
      const bert = await loaded();
      const out = await embedLyricSequence(bert, params, lines, {
        fps: params.fps,
        alignment: params.alignment,
      });
      const f32 = (shape: number[], data: Float32Array): Tensor => ({ dtype: "F32", shape, data });
      const tensors: Record<string, Tensor> = {
        lyrics: f32([out.frameCount, out.hiddenSize], out.frames),
        lyricsTokens: f32([out.tokens.tokens, out.hiddenSize], out.tokens.data),
        lyricsTokenIds: { dtype: "I32", shape: [out.tokens.tokens], data: out.tokens.inputIds },
      };
      if (out.activeLine !== undefined) {
        tensors.lyricsActiveLine = { dtype: "I32", shape: [out.frameCount], data: out.activeLine };
      }
      const meta = { name: "lyrics", model: modelId, hiddenSize: out.hiddenSize, tokens: out.tokens.tokens };
      const frames = { frames: out.frameCount, fps: out.fps, alignment: out.alignment, pooling: "mean" };
      return { embedding: ctx.writeTensors("embedding", tensors, { ...meta, ...frames }) };
    },
  });
}

/** `features.lyricEmbedding` with `bert-base-uncased` under `DEFAULT_MODELS_DIR`. */
export const lyricEmbeddingStage = createLyricEmbeddingStage();
