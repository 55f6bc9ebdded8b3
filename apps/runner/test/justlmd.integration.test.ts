import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { parseSmplFull, lmdDance } from "@choreo/ingest";
import { runCli } from "./cli.js";
import { writeRelease } from "./justlmdRelease.js";
import { fileURLToPath } from "node:url";

// The tiny random BERT (ONNX) of @choreo/features' tests, made by its committed torch script.
const bertModels = fileURLToPath(new URL("../../../packages/features/test/fixtures", import.meta.url));

describe("choreo build-dataset --recipe justlmd", () => {
  it("builds JustLMD sequences from a release folder: keys, (180, 78) dance, (180, 128) music of the justlmd feature set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "justlmd-"));
    const root = join(dir, "release");
    writeRelease(root, [
      { name: "AlphaSong", durationSec: 40, sampleRateHz: 18000, bpm: 100 },
      { name: "BetaSong", durationSec: 34, sampleRateHz: 22050, bpm: 120, missingFrames: [250] },
      { name: "GammaSong", durationSec: 30, sampleRateHz: 18000, bpm: 90 },
      { name: "DeltaSong", durationSec: 30, sampleRateHz: 18000, bpm: 95, withoutAudio: true },
    ]);
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({
        recipe: "justlmd",
        justlmd: {
          root,
          valFraction: 0.25,
          testFraction: 0.25,
          lyrics: { modelsDir: bertModels, modelId: "tiny-bert" },
          exports: ["justlmd-dict"],
        },
      }),
    );
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json", "--keep-going"], dir);
    expect(r.code, r.stderr).toBe(1); // DeltaSong has no audio.wav
    expect(r.json.failures).toEqual([
      expect.objectContaining({ item: "DeltaSong", stage: "justlmd.source", cause: "MissingSource" }),
    ]);
    expect(r.json.failures[0]!.message).toContain("DeltaSong/audio.wav");

    const manifest = JSON.parse(readFileSync(join(r.json.out, "manifest.json"), "utf8")) as {
      splits: Record<string, { items: number }>;
      dropped: Record<string, number>;
      sources: { song: string; split: string }[];
    };
    expect(manifest.dropped["sequences with missing dance frames"]).toBeGreaterThan(0);
    expect(new Set(manifest.sources.map((s) => s.song))).toEqual(
      new Set(["AlphaSong", "BetaSong", "GammaSong"]),
    );
    const shards = Object.keys(manifest.splits).map((split) =>
      decodeSafetensors(readFileSync(join(r.json.out, `${split}-00000.safetensors`))),
    );
    const ids = shards.flatMap((s) => JSON.parse(s.metadata.ids!) as string[]);
    for (const id of ids) expect(id).toMatch(/^(AlphaSong|BetaSong|GammaSong)_\d+$/);
    // songs never straddle splits
    const splitOfSong = new Map<string, number>();
    shards.forEach((s, k) =>
      (JSON.parse(s.metadata.ids!) as string[]).forEach((id) => {
        const song = id.split("_")[0]!;
        expect(splitOfSong.get(song) ?? k).toBe(k);
        splitOfSong.set(song, k);
      }),
    );

    // One sequence checked against the sources: dance rows from smplfull.json, music from `choreo audio features`.
    const k = shards.findIndex((s) =>
      (JSON.parse(s.metadata.ids!) as string[]).some((id) => id.startsWith("AlphaSong_")),
    );
    const shard = shards[k]!;
    const shardIds = JSON.parse(shard.metadata.ids!) as string[];
    const i = shardIds.findIndex((id) => id.startsWith("AlphaSong_"));
    expect(shard.tensors.dance!.shape.slice(1)).toEqual([180, 78]);
    expect(shard.tensors.music!.shape.slice(1)).toEqual([180, 128]);
    expect(shard.tensors.lyrics!.shape.slice(1)).toEqual([180, 32]); // tiny BERT: hidden 32
    expect(shard.tensors.lyricsTokens!.shape.at(-1)).toBe(32); // token-level, stacked or ragged with .offsets
    // JustLMD's dict layout: {key: {lyrics, music, dance}} as <key>/<name> tensors, and the indexing file.
    const dict = decodeSafetensors(
      readFileSync(join(r.json.out, "exports/justlmd/justlmd_Dict.safetensors")),
    );
    expect(dict.tensors[`${shardIds[i]}/dance`]!.shape).toEqual([180, 78]);
    expect(dict.tensors[`${shardIds[i]}/lyrics`]!.shape).toEqual([180, 32]);
    const indexing = JSON.parse(
      readFileSync(join(r.json.out, "exports/justlmd/justlmd_indexing.json"), "utf8"),
    ) as Record<string, string>;
    expect(Object.values(indexing).sort()).toEqual([...ids].sort());
    const sliced = JSON.parse(readFileSync(join(root, "Songs_2099/AlphaSong/sliced.json"), "utf8")) as Record<
      string,
      string
    >;
    const stamps = Object.keys(sliced).map((ts) => {
      const [m, s] = ts.split(":");
      return Number(m) * 60 + Number(s);
    });
    const start = stamps.find((t) => `AlphaSong_${Math.trunc(t)}` === shardIds[i])!;
    const startFrame = Math.trunc((start - stamps[0]!) * 30);
    const smpl = parseSmplFull(readFileSync(join(root, "Songs_2099/AlphaSong/smplfull.json"), "utf8"));
    const expectedDance = lmdDance(
      smpl,
      Array.from({ length: 180 }, (_, f) => String(startFrame + f).padStart(6, "0")),
    );
    expect([
      ...(shard.tensors.dance!.data as Float32Array).subarray(i * 180 * 78, (i + 1) * 180 * 78),
    ]).toEqual([...expectedDance]);
    const cli = await runCli(
      [
        "audio",
        "features",
        join(root, "Songs_2099/AlphaSong/audio.wav"),
        "--set",
        "justlmd",
        "--offset",
        String(start),
        "--duration",
        "6",
      ],
      dir,
    );
    const music = JSON.parse(cli.stdout) as { shape: number[]; data: number[] };
    expect(music.shape).toEqual([180, 128]);
    expect([
      ...(shard.tensors.music!.data as Float32Array).subarray(i * 180 * 128, (i + 1) * 180 * 128),
    ]).toEqual(music.data.map(Math.fround));
  });
});
