import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBuild, openStore } from "@choreo/core";
import { joints24, smpl24Parents, smpl24RestOffsetsM } from "@choreo/motion";
import { syntheticAistppSequence } from "../test/syntheticAistpp.js";
import {
  bailandoDance,
  bailandoExportPath,
  bailandoSampleJson,
  exportBailandoStage,
} from "./bailandoExport.js";

const seq = "gBR_sBM_cAll_d04_mBR0_ch01";

describe("bailandoExportPath", () => {
  it("puts train in aistpp_train_wav and val and test in aistpp_test_full_wav", () => {
    expect(bailandoExportPath(seq, "train")).toBe(`exports/bailando/aistpp_train_wav/${seq}.json`);
    expect(bailandoExportPath(seq, "val")).toBe(`exports/bailando/aistpp_test_full_wav/${seq}.json`);
    expect(bailandoExportPath(seq, "test")).toBe(`exports/bailando/aistpp_test_full_wav/${seq}.json`);
  });
});

describe("bailandoSampleJson", () => {
  const music = Float32Array.from({ length: 3 * 438 }, (_, i) => (i === 53 ? 1 : i / 8));
  const dance = Float32Array.from({ length: 2 * 72 }, (_, i) => -i / 4);
  it("cuts train to the common length and keeps test full", () => {
    const train = JSON.parse(bailandoSampleJson({ id: seq, split: "train", music, dance })) as Record<
      string,
      number[][]
    >;
    expect([train.music_array!.length, train.dance_array!.length]).toEqual([2, 2]);
    const test = JSON.parse(bailandoSampleJson({ id: seq, split: "test", music, dance })) as Record<
      string,
      number[][]
    >;
    expect([test.music_array!.length, test.dance_array!.length]).toEqual([3, 2]);
    expect(Object.keys(test)).toEqual(["id", "music_array", "dance_array"]);
  });
  it("prints as json.dump does", () => {
    const text = bailandoSampleJson({ id: seq, split: "test", music, dance });
    expect(text.startsWith(`{"id": "${seq}", "music_array": [[0.0, 0.125, 0.25,`)).toBe(true);
    expect(text.endsWith(", -35.75]]}")).toBe(true);
  });
});

describe("bailandoDance", () => {
  it("is SMPL's FK over given rest joints: EDGE's rest joints shifted by J0 shift every joint by J0", () => {
    const store = openStore(mkdtempSync(join(tmpdir(), "bailando-")), { durable: false });
    const { poses, trans } = syntheticAistppSequence(store, { danceFrames: 5, musicFrames: 5 });
    const s = { frames: 5, fps: 60, poses, trans, scaling: 93.5, convention: "aistpp" as const };
    const j0 = [0.002, -0.24, 0.028];
    const rest = new Float64Array(72);
    smpl24Parents.forEach((p, j) => {
      for (let c = 0; c < 3; c++)
        rest[j * 3 + c] = (p < 0 ? j0[c]! : rest[p * 3 + c]!) + smpl24RestOffsetsM[j * 3 + c]!;
    });
    const shifted = bailandoDance(s, { restJointsM: [...rest] });
    const plain = joints24(s).data;
    expect(bailandoDance(s)).toEqual(plain);
    // atol 1e-6: float32 outputs of the same float64 FK, rounded after different additions.
    for (let i = 0; i < plain.length; i++)
      expect(Math.abs(shifted[i]! - (plain[i]! + j0[i % 3]!))).toBeLessThan(1e-6);
  });
});

describe("exportBailandoStage", () => {
  it("writes the sequence's file from its smpl and bailando438 features, named for its folder", async () => {
    const store = openStore(mkdtempSync(join(tmpdir(), "bailando-")), { durable: false });
    const { smpl, music } = syntheticAistppSequence(store, { danceFrames: 7, musicFrames: 9 });
    const { sample } = await createBuild({ store }).run(exportBailandoStage, {
      item: seq,
      params: { id: seq, split: "train" },
      inputs: { smpl, music },
    });
    expect(sample.meta.file).toBe(`exports/bailando/aistpp_train_wav/${seq}.json`);
    const parsed = JSON.parse(store.readBlob(sample.digest).toString("utf8")) as Record<string, unknown[]>;
    expect([parsed.music_array!.length, parsed.dance_array!.length]).toEqual([7, 7]);
  });
});
