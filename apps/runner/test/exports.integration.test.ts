// The drop-in exports of a normal `choreo build-dataset` run, read by the upstream code's own loading lines in
// Python: JustLMD's `.pth` + indexing.json through torch.load(weights_only=True) and an LMD_Dataset-style
// DataLoader, Bailando's per-sequence JSON through json + numpy, each compared with what choreo computed.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { encodeWav, readPickle } from "@choreo/ingest";
import { synthesizeSong } from "@choreo/recipes";
import { runCli } from "./cli.js";
import { writeRelease } from "./justlmdRelease.js";

// The tiny random BERT (ONNX) of @choreo/features' tests (hidden 32), and @choreo/dataset's Python checks.
const bertModels = fileURLToPath(new URL("../../../packages/features/test/fixtures", import.meta.url));
const datasetTest = fileURLToPath(new URL("../../../packages/dataset/test/", import.meta.url));
const annotations = fileURLToPath(new URL("./fixtures/aistpp", import.meta.url));

/** Debian's python3 first (the one CI gives python3-torch and python3-numpy), then whatever is on PATH. */
function findPython(module: string): string | undefined {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(exe, ["-c", `import ${module}`]).status === 0) return exe;
  }
  return undefined;
}

const torchPython = findPython("torch");
const numpyPython = findPython("numpy");

interface PthReport {
  keys: string[];
  indexing: Record<string, string>;
  items: Record<
    string,
    {
      fields: string[];
      dtypes: Record<string, string>;
      shapes: Record<string, number[]>;
      lyricsEqual: boolean;
      musicEqual: boolean;
      danceEqual: boolean;
    }
  >;
  batches: Record<string, [number[], string]>[];
}

function checkPth(out: string, tokens: number): PthReport {
  const script = join(datasetTest, "justlmd_pth_check.py");
  const args = [script, join(out, "exports/justlmd"), "justlmd", "--shards", out, "--tokens", String(tokens)];
  return JSON.parse(execFileSync(torchPython!, args, { encoding: "utf8" })) as PthReport;
}

function shardIds(out: string): string[] {
  return readdirSync(out)
    .filter((f) => f.endsWith("-00000.safetensors"))
    .flatMap((f) => JSON.parse(decodeSafetensors(readFileSync(join(out, f))).metadata.ids!) as string[]);
}

describe("choreo build-dataset --recipe justlmd with exports: justlmd-pth", () => {
  it("refuses the export without lyric embeddings before building anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "justlmd-pth-nolyrics-"));
    writeRelease(join(dir, "release"), [
      { name: "AlphaSong", durationSec: 30, sampleRateHz: 18000, bpm: 100 },
    ]);
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({
        recipe: "justlmd",
        justlmd: { root: join(dir, "release"), exports: ["justlmd-pth"] },
      }),
    );
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache")], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("justlmd.lyrics");
    expect(existsSync(join(dir, "datasets"))).toBe(false);
  });

  // CI installs python3-torch, so there the test always runs; elsewhere it needs a torch.
  it.skipIf(torchPython === undefined && process.env.CI === undefined)(
    "writes the .pth and indexing.json JustLMD's code loads, equal to the shards bit for bit, and pthLyricsTokens sets the padding",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "justlmd-pth-"));
      const root = join(dir, "release");
      writeRelease(root, [
        { name: "AlphaSong", durationSec: 60, sampleRateHz: 18000, bpm: 100 },
        { name: "BetaSong", durationSec: 50, sampleRateHz: 22050, bpm: 120 },
        { name: "GammaSong", durationSec: 46, sampleRateHz: 18000, bpm: 90 },
      ]);
      const config = (extra: Record<string, unknown>) =>
        JSON.stringify({
          recipe: "justlmd",
          justlmd: {
            root,
            valFraction: 0.34,
            testFraction: 0.34,
            lyrics: { modelsDir: bertModels, modelId: "tiny-bert" },
            exports: ["justlmd-pth"],
            ...extra,
          },
        });
      writeFileSync(join(dir, "choreo.config.json"), config({}));
      const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
      expect(r.code, r.stderr).toBe(0);
      const ids = shardIds(r.json.out).sort();
      expect(ids.length % 4).not.toBe(0); // full batches and a shorter last one
      expect(ids.length).toBeGreaterThan(8);

      const report = checkPth(r.json.out, 180);
      expect(report.keys).toEqual(ids); // every sequence of every split, in code-unit order
      expect(report.indexing).toEqual(Object.fromEntries(ids.map((k, i) => [String(i), k])));
      for (const key of ids) {
        const item = report.items[key]!;
        expect(item.fields).toEqual(["lyrics", "music", "dance"]);
        expect(item.dtypes).toEqual({
          lyrics: "torch.float32",
          music: "torch.float32",
          dance: "torch.float64",
        });
        expect(item.shapes).toEqual({ lyrics: [180, 32], music: [180, 128], dance: [180, 72] });
        expect([item.lyricsEqual, item.musicEqual, item.danceEqual]).toEqual([true, true, true]);
      }
      // DataLoader(batch_size=4) over an LMD_Dataset: full batches of 4, the remainder last.
      const sizes = ids
        .map((_, i) => i)
        .filter((i) => i % 4 === 0)
        .map((i) => Math.min(4, ids.length - i));
      expect(report.batches).toEqual(
        sizes.map((n) => ({
          lyrics: [[n, 180, 32], "torch.float32"],
          music: [[n, 180, 128], "torch.float32"],
          dance: [[n, 180, 72], "torch.float64"],
        })),
      );

      // A new padding reruns the export, the manifest (it records the config) and the report: nothing else.
      writeFileSync(join(dir, "choreo.config.json"), config({ pthLyricsTokens: 6 }));
      const again = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
      expect(again.code, again.stderr).toBe(0);
      const ran = Object.entries(again.json.stages).filter(([, c]) => c.run > 0);
      expect(ran.map(([stage, c]) => [stage, c.run]).sort()).toEqual([
        ["dataset.exportJustlmdPth", 1],
        ["dataset.manifest", 1],
        ["render.report", 1],
      ]);
      const cut = checkPth(again.json.out, 6);
      for (const key of ids) {
        expect(cut.items[key]!.shapes.lyrics).toEqual([6, 32]);
        expect(cut.items[key]!.lyricsEqual).toBe(true);
      }
    },
  );
});

interface BailandoCheck {
  id: string;
  keys: string[];
  music: [number[], string, boolean, boolean];
  dance: [number[], string, boolean, boolean];
  sameText: boolean;
}

const npyRows = (path: string, width: number): number => {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  return (bytes.length - 10 - headerLength) / 4 / width; // float32 .npy, version 1 header
};

describe("choreo build-dataset --recipe aistpp with exports: bailando", () => {
  // CI installs python3-numpy, so there the test always runs; elsewhere it needs a numpy.
  it.skipIf(numpyPython === undefined && process.env.CI === undefined)(
    "writes one JSON per sequence in Bailando's folders that json + numpy read as choreo's bailando438 and joints24, or SMPL's own joints given its rest joints",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "aistpp-bailando-"));
      const music = join(dir, "music");
      mkdirSync(music);
      for (const [id, bpm] of [
        ["mBR0", 80],
        ["mPO1", 90],
        ["mHO5", 130],
        ["mLO2", 100],
      ] as const) {
        const samples = synthesizeSong({ bpm, durationSec: 7, sampleRateHz: 22050, seed: bpm, rootHz: 220 });
        writeFileSync(join(music, `${id}.wav`), encodeWav({ samples, sampleRateHz: 22050 }));
      }
      cpSync(annotations, join(dir, "annotations"), { recursive: true });
      writeFileSync(
        join(dir, "choreo.config.json"),
        JSON.stringify({
          recipe: "aistpp",
          aistpp: { annotations: join(dir, "annotations"), music, strideSec: 1, exports: ["bailando"] },
        }),
      );
      const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
      expect(r.code, r.stderr).toBe(0);
      const bailando = join(r.json.out, "exports/bailando");
      expect(readdirSync(bailando).sort()).toEqual(["aistpp_test_full_wav", "aistpp_train_wav"]);
      const files = readdirSync(bailando).flatMap((folder) =>
        readdirSync(join(bailando, folder)).map((f) => ({ folder, seq: f.replace(/\.json$/, "") })),
      );
      // The fixture's train list holds three sequences, one of them on the ignore list; its test list one.
      expect(files.filter((f) => f.folder === "aistpp_train_wav").map((f) => f.seq)).toEqual([
        "gBR_sBM_cAll_d04_mBR0_ch01",
        "gPO_sBM_cAll_d10_mPO1_ch02",
      ]);
      expect(files.filter((f) => f.folder === "aistpp_test_full_wav")).toHaveLength(1);

      for (const { folder, seq } of files) {
        // choreo's features of the same files through the CLI: the whole song's bailando438, 60 fps joints24.
        const song = seq.split("_")[4]!;
        const musicNpy = join(dir, `${song}.npy`);
        const danceNpy = join(dir, `${seq}.npy`);
        const a = await runCli(
          ["audio", "features", join(music, `${song}.wav`), "--set", "bailando438", "--out", musicNpy],
          dir,
        );
        expect(a.code, a.stderr).toBe(0);
        const pkl = join(annotations, "motions", `${seq}.pkl`);
        const m = await runCli(["motion", "convert", pkl, "--to", "joints24", "--out", danceNpy], dir);
        expect(m.code, m.stderr).toBe(0);
        const [musicRows, danceRows] = [npyRows(musicNpy, 438), npyRows(danceNpy, 72)];
        const train = folder === "aistpp_train_wav";
        const rows = train
          ? [Math.min(musicRows, danceRows), Math.min(musicRows, danceRows)]
          : [musicRows, danceRows];
        const script = join(datasetTest, "bailando_check.py");
        const json = join(bailando, folder, `${seq}.json`);
        const args = [
          script,
          json,
          musicNpy,
          danceNpy,
          "--music-rows",
          String(rows[0]),
          "--dance-rows",
          String(rows[1]),
        ];
        const check = JSON.parse(execFileSync(numpyPython!, args, { encoding: "utf8" })) as BailandoCheck;
        expect(check.id).toBe(seq);
        expect(check.keys).toEqual(["id", "music_array", "dance_array"]);
        expect(check.music).toEqual([[rows[0], 438], "float64", true, true]);
        expect(check.dance).toEqual([[rows[1], 72], "float64", true, true]);
        expect(check.sameText).toBe(true);
      }

      // SMPL's own rest joints: only the export reruns, and each root joint is J0 + transl / scaling.
      const rest = Array.from({ length: 72 }, (_, i) => ((i % 3) - 1) * 0.05 + Math.floor(i / 3) * 0.01);
      const config = JSON.parse(readFileSync(join(dir, "choreo.config.json"), "utf8")) as {
        aistpp: Record<string, unknown>;
      };
      config.aistpp.bailandoRestJointsM = rest;
      writeFileSync(join(dir, "choreo.config.json"), JSON.stringify(config));
      const again = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
      expect(again.code, again.stderr).toBe(0);
      const ran = Object.entries(again.json.stages).filter(([, c]) => c.run > 0);
      expect(ran.map(([stage, c]) => [stage, c.run]).sort()).toEqual([
        ["dataset.exportBailando", 3],
        ["dataset.manifest", 1],
        ["render.report", 1],
      ]);
      const seq = "gBR_sBM_cAll_d04_mBR0_ch01";
      const sample = JSON.parse(
        readFileSync(join(again.json.out, "exports/bailando/aistpp_train_wav", `${seq}.json`), "utf8"),
      ) as { dance_array: number[][] };
      const source = (await readPickle(join(annotations, "motions", `${seq}.pkl`))) as unknown as Map<
        string,
        { data: Float32Array }
      >;
      const [trans, scaling] = [source.get("smpl_trans")!.data, source.get("smpl_scaling")!.data[0]!];
      for (const t of [0, 100]) {
        for (let c = 0; c < 3; c++) {
          // 1e-5 m: float32 FK vs the float64 sum here
          expect(sample.dance_array[t]![c]).toBeCloseTo(trans[t * 3 + c]! / scaling + rest[c]!, 5);
        }
      }
    },
  );
});
