import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { encodeWav, readPickle, readWav } from "@choreo/ingest";
import { runCli } from "./cli.js";
import { synthesizeSong } from "@choreo/recipes";

const annotations = fileURLToPath(new URL("./fixtures/aistpp", import.meta.url));

describe("choreo build-dataset --recipe aistpp", () => {
  it("cuts EDGE windows at 30 fps with the official split membership and EDGE's per-window music features", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aistpp-"));
    const music = join(dir, "music");
    mkdirSync(music);
    for (const [id, bpm] of [
      ["mBR0", 80],
      ["mPO1", 90],
      ["mHO5", 130],
      ["mLO2", 100],
    ] as const) {
      writeFileSync(
        join(music, `${id}.wav`),
        encodeWav({
          samples: synthesizeSong({ bpm, durationSec: 7, sampleRateHz: 22050, seed: bpm, rootHz: 220 }),
          sampleRateHz: 22050,
        }),
      );
    }
    cpSync(annotations, join(dir, "annotations"), { recursive: true });
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({
        recipe: "aistpp",
        aistpp: { annotations: join(dir, "annotations"), music, strideSec: 1, exports: ["edge"] },
      }),
    );
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(r.json.out, "manifest.json"), "utf8")) as {
      splits: Record<string, unknown>;
      dropped: Record<string, number>;
    };
    expect(Object.keys(manifest.splits).sort()).toEqual(["test", "train"]); // no crossmodal_val list in the fixture
    expect(manifest.dropped["sequences on the ignore list"]).toBe(1);
    const train = decodeSafetensors(readFileSync(join(r.json.out, "train-00000.safetensors")));
    const test = decodeSafetensors(readFileSync(join(r.json.out, "test-00000.safetensors")));
    // 6.5 s of motion at 60 fps, 7 s of music, 1 s stride: motion windows start at frames 0 and 60 → 2 per sequence.
    expect(JSON.parse(train.metadata.ids!)).toEqual([
      ...[0, 1].map((k) => `gBR_sBM_cAll_d04_mBR0_ch01_slice${k}`),
      ...[0, 1].map((k) => `gPO_sBM_cAll_d10_mPO1_ch02_slice${k}`),
    ]);
    expect(JSON.parse(test.metadata.ids!)).toHaveLength(2);
    expect(train.tensors.motion!.shape).toEqual([4, 150, 151]);
    expect(train.tensors.music!.shape).toEqual([4, 150, 35]);
    // Window 1 of the first sequence: EDGE's features of the slice [1 s, 6 s), as `choreo audio features` gives them.
    const cli = await runCli(
      ["audio", "features", join(music, "mBR0.wav"), "--set", "edge35", "--offset", "1", "--duration", "5"],
      dir,
    );
    const slice = JSON.parse(cli.stdout) as { shape: number[]; data: number[] };
    expect(slice.shape).toEqual([150, 35]);
    const got = (train.tensors.music!.data as Float32Array).subarray(150 * 35, 2 * 150 * 35);
    expect([...got]).toEqual(slice.data.map(Math.fround));
    // The EDGE export: the 60 fps slice as EDGE's slice.py pickles it, and the window's audio.
    const pkl = (await readPickle(
      join(r.json.out, "exports/edge/train/motions_sliced/gBR_sBM_cAll_d04_mBR0_ch01_slice1.pkl"),
    )) as unknown as Map<string, { shape: number[]; data: Float32Array }>;
    expect(pkl.get("pos")!.shape).toEqual([300, 3]);
    expect(pkl.get("q")!.shape).toEqual([300, 72]);
    const source = (await readPickle(
      join(annotations, "motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl"),
    )) as unknown as Map<string, { data: Float32Array }>;
    expect(pkl.get("q")!.data[0]).toBe(source.get("smpl_poses")!.data[60 * 72]);
    expect(pkl.get("pos")!.data[1]).toBeCloseTo(source.get("smpl_trans")!.data[60 * 3 + 1]! / 93.5, 5);
    const wav = await readWav(
      join(r.json.out, "exports/edge/train/wavs_sliced/gBR_sBM_cAll_d04_mBR0_ch01_slice1.wav"),
    );
    expect(wav.frames).toBe(5 * 22050);
    // contacts are 0/1 and the rot6d rows are unit vectors
    const m = train.tensors.motion!.data as Float32Array;
    expect([...m.subarray(0, 4)].every((v) => v === 0 || v === 1)).toBe(true);
    expect(Math.hypot(m[7]!, m[8]!, m[9]!)).toBeCloseTo(1, 5);
  });

  it("in song mode, a new window length reruns only windowing, cutting and sharding: motion and music are cache hits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aistpp-song-"));
    const music = join(dir, "music");
    mkdirSync(music);
    for (const [id, bpm] of [
      ["mBR0", 80],
      ["mPO1", 90],
      ["mHO5", 130],
      ["mLO2", 100],
    ] as const) {
      writeFileSync(
        join(music, `${id}.wav`),
        encodeWav({
          samples: synthesizeSong({ bpm, durationSec: 7, sampleRateHz: 15360, seed: bpm, rootHz: 220 }),
          sampleRateHz: 15360,
        }),
      );
    }
    const config = (windowSec: number) =>
      JSON.stringify({
        recipe: "aistpp",
        aistpp: { annotations, music, musicFeatures: "song", windowSec, strideSec: 1 },
      });
    writeFileSync(join(dir, "choreo.config.json"), config(5));
    const first = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(join(dir, "choreo.config.json"), config(4));
    const second = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
    const ran = Object.fromEntries(Object.entries(second.json.stages).map(([stage, c]) => [stage, c.run]));
    expect(ran).toMatchObject({
      "ingest.aistppMotion": 0,
      "dataset.aistppSongMusic": 0,
      "dataset.aistppWindows": 3,
    });
    expect(ran["dataset.aistppCut"]).toBeGreaterThan(0);
    expect(second.json.datasetDigest).not.toBe(first.json.datasetDigest);
    const again = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
    expect(again.json.actions.run).toBe(0);
  });
});
