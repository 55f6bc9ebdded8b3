/**
 * Token-level text embeddings: the shape every text encoder here returns (a BERT's `last_hidden_state[0]`,
 * n_tokens × hidden, special tokens included) and mean pooling over tokens. This module knows nothing about
 * models or files; `bertModel.ts` produces these values and `lyricsEmbedding.ts` aligns them to frames.
 */

/** One text's token embeddings: `data` is row-major (tokens × hiddenSize) float32. */
export interface TokenEmbeddings {
  /** Vocabulary ids as fed to the model, `[CLS] … [SEP]` included. */
  readonly inputIds: Int32Array;
  readonly data: Float32Array;
  readonly tokens: number;
  readonly hiddenSize: number;
}

/** Anything that turns a text into token embeddings (a BERT here; an in-memory fake at a boundary). */
export interface TextEmbedder {
  /** The folder name or hub id of the model, for metadata. */
  readonly modelId: string;
  readonly hiddenSize: number;
  embed(text: string): Promise<TokenEmbeddings>;
}

/**
 * Mean of the token rows, every token counted ([CLS] and [SEP] too, as transformers.js's `pooling: "mean"`
 * with an all-ones mask). Accumulates in float64, rounds once to float32.
 */
export function meanPool(embeddings: TokenEmbeddings): Float32Array {
  const { data, tokens, hiddenSize } = embeddings;
  const sum = new Float64Array(hiddenSize);
  for (let t = 0; t < tokens; t++) {
    const row = t * hiddenSize;
    for (let h = 0; h < hiddenSize; h++) sum[h]! += data[row + h]!;
  }
  const out = new Float32Array(hiddenSize);
  if (tokens === 0) return out;
  for (let h = 0; h < hiddenSize; h++) out[h] = sum[h]! / tokens;
  return out;
}
