import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digestOf, encodeSafetensors } from "@choreo/core";
import { readSongWindow } from "./songWindow.js";

/** A dataset folder whose train shard holds song a's windows (stored late-first) and val holds song b's. */
function dataset(): string {
  const dir = mkdtempSync(join(tmpdir(), "choreo-song-window-"));
  const split = (name: string, ids: string[], first: number) => {
    const n = ids.length;
    const music = Float32Array.from({ length: n * 2 * 3 }, (_, i) => first + i);
    const bytes = encodeSafetensors(
      { music: { dtype: "F32", shape: [n, 2, 3], data: music } },
      { ids: JSON.stringify(ids) },
    );
    const file = `${name}-00000.safetensors`;
    writeFileSync(join(dir, file), bytes);
    const tensors = { music: { dtype: "F32", shape: [n, 2, 3] } };
    return { file, digest: digestOf(bytes), bytes: bytes.length, items: n, tensors };
  };
  const manifest = {
    format: "choreo-dataset-v1",
    name: "t",
    recipe: "demo",
    config: {},
    fps: 30,
    splits: { train: split("train", ["a_00060", "a_00000"], 0), val: split("val", ["b_00000"], 100) },
    features: {},
    normalization: {},
    sources: [{ id: "a" }, { id: "b" }],
    tools: {},
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

describe("readSongWindow", () => {
  it("gives a song's earliest window, from whichever split holds it", () => {
    const dir = dataset();
    const a = readSongWindow(dir, "a");
    expect(a).toMatchObject({ id: "a_00000", split: "train" });
    expect([...a.tensors.music!]).toEqual([6, 7, 8, 9, 10, 11]);
    expect(readSongWindow(dir, "b")).toMatchObject({ id: "b_00000", split: "val" });
  });

  it("gives a window by its own id", () => {
    const w = readSongWindow(dataset(), "a_00060");
    expect(w.id).toBe("a_00060");
    expect([...w.tensors.music!]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("refuses an id that is neither, listing the songs, and a missing dataset folder", () => {
    expect(() => readSongWindow(dataset(), "c")).toThrow(expect.objectContaining({ _tag: "UnknownWindow" }));
    expect(() => readSongWindow(dataset(), "c")).toThrow("its songs: a, b");
    expect(() => readSongWindow(undefined, "a")).toThrow(expect.objectContaining({ _tag: "UnknownWindow" }));
  });
});
