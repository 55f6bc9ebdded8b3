import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBertModel, type BertModel } from "./bertModel.js";
import { activeLyricLines, embedLyricSequence, type TimedLyricLine } from "./lyricsEmbedding.js";
import { meanPool } from "./textEmbedding.js";

const modelsDir = new URL("../test/fixtures/", import.meta.url).pathname;

// A song's timed lines as the `lyrics` artifact has them (end = next line's start; a blank line ends a phrase).
const lines: TimedLyricLine[] = [
  { startSec: 8.5, endSec: 10.2, text: " Oh, oh, oh" },
  { startSec: 10.2, endSec: 12.9, text: " I wanna dance with you tonight" },
  { startSec: 12.9, endSec: 14.1, text: "" },
  { startSec: 14.1, endSec: 18, text: " Shake it, baby" },
];

describe("activeLyricLines", () => {
  it("gives each frame the line active at startSec + f / fps, -1 before, between and after", () => {
    const active = activeLyricLines(lines, { startSec: 10, frameCount: 180, fps: 30 });
    const at = (sec: number): number => active[Math.round((sec - 10) * 30)]!;
    expect(at(10)).toBe(0);
    expect(active[5]).toBe(0); // 10.1666 s
    expect(active[6]).toBe(1); // 10.2 s exactly: the next line starts on this frame
    expect(at(12.9 - 1 / 30)).toBe(1);
    expect(at(12.9)).toBe(-1);
    expect(at(14.1)).toBe(3);
    expect(active[179]).toBe(3);
    expect(Array.from(active).filter((i) => i === -1)).toHaveLength(36); // 12.9 … 14.1 s
  });

  it("lets the later-starting of two overlapping lines win", () => {
    const overlapping = [
      { startSec: 0, endSec: 1, text: "a" },
      { startSec: 0.5, endSec: 0.6, text: "b" },
    ];
    expect(Array.from(activeLyricLines(overlapping, { startSec: 0, frameCount: 10, fps: 10 }))).toEqual([
      0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
    ]);
  });
});

describe("embedLyricSequence", () => {
  let bert: BertModel;
  beforeAll(async () => {
    bert = await loadBertModel({ modelsDir, modelId: "tiny-bert" });
  });
  afterAll(() => bert.dispose());

  const sequence = { text: "Oh, oh, oh  I wanna dance with you tonight", startSec: 10, durationSec: 6 };

  it("keeps the sequence's token embeddings as BERT gives them", async () => {
    const out = await embedLyricSequence(bert, sequence, lines);
    const direct = await bert.embed(sequence.text);
    expect(out.tokens.tokens).toBe(direct.tokens);
    expect(out.tokens.data).toEqual(direct.data);
    expect([out.frameCount, out.hiddenSize, out.frames.length]).toEqual([180, 32, 180 * 32]);
  });

  it("fills each frame with its active line's mean-pooled embedding, zeros where none", async () => {
    const out = await embedLyricSequence(bert, sequence, lines, { alignment: "line" });
    const row = (f: number): Float32Array => out.frames.subarray(f * 32, (f + 1) * 32);
    expect(row(0)).toEqual(meanPool(await bert.embed(lines[0]!.text)));
    expect(row(6)).toEqual(meanPool(await bert.embed(lines[1]!.text)));
    expect(row(100)).toEqual(new Float32Array(32));
    expect(row(179)).toEqual(meanPool(await bert.embed(lines[3]!.text)));
    expect(out.activeLine?.[100]).toBe(-1);
  });

  it("repeats the sequence text's mean-pooled embedding with alignment 'sequence'", async () => {
    const out = await embedLyricSequence(bert, sequence, lines, { alignment: "sequence" });
    const pooled = meanPool(out.tokens);
    expect(out.frames.subarray(0, 32)).toEqual(pooled);
    expect(out.frames.subarray(179 * 32)).toEqual(pooled);
    expect(out.activeLine).toBeUndefined();
    const blank = await embedLyricSequence(bert, { ...sequence, text: " " }, [], { alignment: "sequence" });
    expect(blank.frames.every((v) => v === 0)).toBe(true);
  });

  it("gives the same bytes on a second run", async () => {
    const a = await embedLyricSequence(bert, sequence, lines);
    const b = await embedLyricSequence(bert, sequence, lines);
    expect(Buffer.from(a.frames.buffer).equals(Buffer.from(b.frames.buffer))).toBe(true);
  });
});
