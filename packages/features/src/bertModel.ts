/**
 * BERT feature extraction with `@huggingface/transformers` (4.x, onnxruntime-node on the CPU) from a local
 * model folder: `<modelsDir>/<modelId>/{config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx}`,
 * the layout transformers.js loads. It mirrors JustLMD's `BertModel(**encode_plus(text))
 * .last_hidden_state[0]` (special tokens added, no padding) with fp32 weights. It never reaches the network:
 * remote models are switched off here, and `ensureBertModel` (bertDownload.ts) is the only code that downloads.
 * It does not pool or align to frames (textEmbedding.ts, lyricsEmbedding.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from "@huggingface/transformers";
import { ModelLoadFailed, ModelNotFound } from "./errors.js";
import type { TextEmbedder, TokenEmbeddings } from "./textEmbedding.js";

/** Where a BERT lives and how it may be fetched. */
export interface BertModelOptions {
  /** The folder holding model folders (transformers.js `env.localModelPath`). */
  readonly modelsDir: string;
  /** The model's folder name under `modelsDir` (default `bert-base-uncased`). */
  readonly modelId?: string;
  /** Fetch missing files from the hub (`ensureBertModel`); off by default. */
  readonly allowDownload?: boolean;
  /** Hub repository with an ONNX export (default `Xenova/<modelId>` for `bert-base-uncased`, else `modelId`). */
  readonly hubModelId?: string;
  /** Hub revision to download (default `main`; pin a commit for reproducible downloads). */
  readonly revision?: string;
  /** Hub base URL (default `https://huggingface.co`). */
  readonly hubUrl?: string;
  /** onnxruntime intra-op threads (default 1: the scheduler's cpu pool already counts one core per action). */
  readonly threads?: number;
}

export const DEFAULT_BERT_MODEL_ID = "bert-base-uncased";

/** The files transformers.js reads for a BERT feature extractor, relative to the model folder. */
export const BERT_MODEL_FILES = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

/** A loaded BERT: a `TextEmbedder` plus where it came from. */
export interface BertModel extends TextEmbedder {
  readonly folder: string;
  /** Longest input in tokens (`[CLS]`/`[SEP]` included); longer texts are truncated. */
  readonly maxTokens: number;
  dispose(): Promise<void>;
}

/** The absolute model folder of `options`. */
export function bertModelFolder(options: BertModelOptions): string {
  return resolve(options.modelsDir, options.modelId ?? DEFAULT_BERT_MODEL_ID);
}

/** The first of `BERT_MODEL_FILES` absent from `folder`, if any. */
export function missingBertFile(folder: string): string | undefined {
  return BERT_MODEL_FILES.find((file) => !existsSync(join(folder, file)));
}

// transformers.js reads its settings from one global `env`; loads are serialized so that two folders never
// interleave their `localModelPath`.
let loadChain: Promise<unknown> = Promise.resolve();

/** Loads the BERT in the local folder of `options`; throws `ModelNotFound` when a file is missing. */
export function loadBertModel(options: BertModelOptions): Promise<BertModel> {
  const folder = bertModelFolder(options);
  const missing = missingBertFile(folder);
  if (missing !== undefined) return Promise.reject(new ModelNotFound(folder, missing));
  const load = loadChain.then(() => loadFolder(folder, options.threads ?? 1));
  loadChain = load.catch(() => undefined);
  return load;
}

let transformersVersionText: string | undefined;

/** The installed `@huggingface/transformers` version (it pins onnxruntime-node exactly), read without importing it. */
export function transformersVersion(): string {
  if (transformersVersionText === undefined) {
    const entry = createRequire(import.meta.url).resolve("@huggingface/transformers");
    const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
      version: string;
    };
    transformersVersionText = pkg.version;
  }
  return transformersVersionText;
}

async function loadFolder(folder: string, threads: number): Promise<BertModel> {
  // Imported on first use: transformers.js, onnxruntime-node and sharp take over a second to load, and most
  // users of this package never embed text.
  const { AutoModel, AutoTokenizer, env, Tensor } = await import("@huggingface/transformers");
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.localModelPath = `${dirname(folder)}/`;
  const name = basename(folder);
  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(name);
    model = await AutoModel.from_pretrained(name, {
      dtype: "fp32",
      device: "cpu",
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    });
  } catch (cause) {
    throw new ModelLoadFailed(folder, "transformers.js cannot load the tokenizer or the ONNX model", {
      cause,
    });
  }
  const config = model.config as unknown as { hidden_size?: number; max_position_embeddings?: number };
  const hiddenSize = config.hidden_size ?? 0;
  const maxTokens = Math.min(Number(tokenizer.model_max_length), config.max_position_embeddings ?? Infinity);
  if (!(hiddenSize > 0) || !Number.isFinite(maxTokens)) {
    throw new ModelLoadFailed(folder, "config.json lacks hidden_size or max_position_embeddings");
  }
  return {
    modelId: name,
    folder,
    hiddenSize,
    maxTokens,
    embed: (text) => embedWith({ tokenizer, model, Tensor }, { folder, text, maxTokens, hiddenSize }),
    dispose: async () => {
      await model.dispose();
    },
  };
}

interface EmbedRequest {
  readonly folder: string;
  readonly text: string;
  readonly maxTokens: number;
  readonly hiddenSize: number;
}

interface LoadedBert {
  readonly tokenizer: PreTrainedTokenizer;
  readonly model: PreTrainedModel;
  readonly Tensor: typeof Tensor;
}

async function embedWith(
  { tokenizer, model, Tensor }: LoadedBert,
  request: EmbedRequest,
): Promise<TokenEmbeddings> {
  const ids = truncateIds(tokenizer(request.text, { return_tensor: false }).input_ids, request.maxTokens);
  const shape = [1, ids.length];
  const inputs = {
    input_ids: new Tensor("int64", BigInt64Array.from(ids, BigInt), shape),
    attention_mask: new Tensor("int64", new BigInt64Array(ids.length).fill(1n), shape),
    token_type_ids: new Tensor("int64", new BigInt64Array(ids.length), shape),
  };
  let output: Record<string, { data: unknown; dims: number[]; dispose(): void }>;
  try {
    output = (await model(inputs)) as typeof output;
  } catch (cause) {
    throw new ModelLoadFailed(request.folder, "onnxruntime failed to run the model", { cause });
  }
  const hidden = output["last_hidden_state"];
  if (
    hidden === undefined ||
    !(hidden.data instanceof Float32Array) ||
    hidden.dims[2] !== request.hiddenSize
  ) {
    throw new ModelLoadFailed(
      request.folder,
      "the model has no float32 last_hidden_state of the configured width",
    );
  }
  const tokens = hidden.dims[1] ?? 0;
  const result: TokenEmbeddings = {
    inputIds: Int32Array.from(ids),
    data: hidden.data.slice(0, tokens * request.hiddenSize),
    tokens,
    hiddenSize: request.hiddenSize,
  };
  for (const value of [...Object.values(output), ...Object.values(inputs)]) value.dispose();
  return result;
}

// As Python's `BertTokenizer(truncation=True)` on one text: content tokens are cut, [CLS] and [SEP] stay.
// (transformers.js 4.x would cut the final [SEP].) JustLMD itself never truncates; 6 s of lyrics are far
// below BERT's 512 tokens.
function truncateIds(ids: readonly number[], maxTokens: number): number[] {
  if (ids.length <= maxTokens) return [...ids];
  return [...ids.slice(0, maxTokens - 1), ids[ids.length - 1]!];
}
