/**
 * Lyric embeddings of one JustLMD sequence (6 s, 180 frames at 30 fps): the token-level BERT embeddings of
 * the sequence text, exactly JustLMD's `last_hidden_state[0]` (n_tokens × hidden), and a deterministic
 * frame-aligned form (frames × hidden). JustLMD maps tokens to frames with a freshly random
 * `nn.Linear(n_tokens, 180)` and a random `Linear(768, 128)`, which cannot be reproduced; this module does not
 * try. Instead, with `alignment: "line"` (default) frame f, at song time `startSec + f / fps`, gets the
 * mean-pooled embedding of the timed lyric line active then (its own text embedded alone), zeros where no line
 * is active or its text is blank; with `alignment: "sequence"` every frame gets the mean-pooled embedding of
 * the sequence text (zeros when blank). A trainer can still learn its own projection on top of either.
 */
import { meanPool, type TextEmbedder, type TokenEmbeddings } from "./textEmbedding.js";

/** How frames get an embedding: per active lyric line, or the whole sequence text on every frame. */
export type LyricFrameAlignment = "line" | "sequence";

/** A timed lyric line (the `lyrics` artifact's `lines`), in song seconds; active on `[startSec, endSec)`. */
export interface TimedLyricLine {
  readonly startSec: number;
  readonly endSec: number;
  readonly text: string;
}

/** One sequence: its text (JustLMD's joined lines) and its span in song seconds. */
export interface LyricSequence {
  readonly text: string;
  readonly startSec: number;
  readonly durationSec: number;
}

export interface LyricEmbeddingOptions {
  /** Frame rate of the aligned form (default 30, JustLMD's). */
  readonly fps?: number;
  readonly alignment?: LyricFrameAlignment;
}

/** Token-level and frame-aligned embeddings of one sequence. */
export interface LyricEmbedding {
  readonly tokens: TokenEmbeddings;
  /** Row-major (frameCount × hiddenSize) float32. */
  readonly frames: Float32Array;
  readonly frameCount: number;
  readonly hiddenSize: number;
  readonly fps: number;
  readonly alignment: LyricFrameAlignment;
  /** For `"line"`: per frame, the index of the active line in `lines`, or -1 (zeros). Absent for `"sequence"`. */
  readonly activeLine?: Int32Array;
}

// A line starting within a millionth of a frame of a frame's time counts from that frame (float seconds).
const FRAME_EPS = 1e-6;

/**
 * Per frame, the index of the lyric line active at `startSec + f / fps` (the latest-starting one if lines
 * overlap), or -1 when none is active or the active line's text is blank.
 */
export function activeLyricLines(
  lines: readonly TimedLyricLine[],
  span: { readonly startSec: number; readonly frameCount: number; readonly fps: number },
): Int32Array {
  const active = new Int32Array(span.frameCount).fill(-1);
  const starts = new Float64Array(span.frameCount).fill(-Infinity);
  lines.forEach((line, index) => {
    const from = Math.max(0, Math.ceil((line.startSec - span.startSec) * span.fps - FRAME_EPS));
    const to = Math.min(span.frameCount, Math.ceil((line.endSec - span.startSec) * span.fps - FRAME_EPS));
    for (let f = from; f < to; f++) {
      if (line.startSec < starts[f]!) continue;
      starts[f] = line.startSec;
      active[f] = line.text.trim() === "" ? -1 : index;
    }
  });
  return active;
}

/**
 * Embeds one sequence: token-level BERT embeddings of `sequence.text`, and `round(durationSec · fps)` frames
 * of mean-pooled embeddings per the chosen alignment (see the module header). Deterministic: the same model,
 * text and lines give the same bytes.
 */
export async function embedLyricSequence(
  embedder: TextEmbedder,
  sequence: LyricSequence,
  lines: readonly TimedLyricLine[],
  options: LyricEmbeddingOptions = {},
): Promise<LyricEmbedding> {
  const fps = options.fps ?? 30;
  const alignment = options.alignment ?? "line";
  const frameCount = Math.round(sequence.durationSec * fps);
  const hiddenSize = embedder.hiddenSize;
  const tokens = await embedder.embed(sequence.text);
  const frames = new Float32Array(frameCount * hiddenSize);
  const base = { tokens, frames, frameCount, hiddenSize, fps, alignment };
  if (alignment === "sequence") {
    if (sequence.text.trim() !== "") {
      const pooled = meanPool(tokens);
      for (let f = 0; f < frameCount; f++) frames.set(pooled, f * hiddenSize);
    }
    return base;
  }
  const activeLine = activeLyricLines(lines, { startSec: sequence.startSec, frameCount, fps });
  const pooledByText = new Map<string, Float32Array>();
  for (let f = 0; f < frameCount; f++) {
    const line = lines[activeLine[f]!];
    if (line === undefined) continue;
    let pooled = pooledByText.get(line.text);
    if (pooled === undefined) {
      pooled = meanPool(await embedder.embed(line.text));
      pooledByText.set(line.text, pooled);
    }
    frames.set(pooled, f * hiddenSize);
  }
  return { ...base, activeLine };
}
