import { describe, expect, it } from "vitest";
import { edge35Features, computeAistFeatureSet } from "@choreo/features";
import { AistppConfigSchema, aistppMusicFeatures } from "./aistpp.js";
import { synthesizeSong } from "./demo/synth.js";

const sampleRateHz = 15360;
const samples = synthesizeSong({ bpm: 80, durationSec: 7, sampleRateHz, seed: 80, rootHz: 220 });
const audio = { samples, sampleRateHz, name: "mBR0.wav" };
const window = { startSec: 1, durationSec: 5 };

describe("aistppMusicFeatures", () => {
  it("computes EDGE's features on the window's samples alone in window mode", () => {
    const f = aistppMusicFeatures(audio, {
      config: { featureSet: "edge35", musicFeatures: "window" },
      window,
    });
    const slice = samples.subarray(sampleRateHz, 6 * sampleRateHz);
    const edge = computeAistFeatureSet("edge35", slice, { sampleRateHz, name: "mBR0.wav" });
    expect([f.nFrames, f.nFeatures, f.fps]).toEqual([150, 35, 30]);
    expect(f.data).toEqual(edge.data);
  });

  it("cuts the window's rows from whole-song features in song mode, which differ from window mode", () => {
    const song = aistppMusicFeatures(audio, {
      config: { featureSet: "edge35", musicFeatures: "song" },
      window,
    });
    const whole = edge35Features(samples, sampleRateHz, { name: "mBR0.wav", chop: false });
    expect(song.nFrames).toBe(150);
    expect(song.data).toEqual(whole.data.slice(30 * 35, 180 * 35));
    const perWindow = aistppMusicFeatures(audio, {
      config: { featureSet: "edge35", musicFeatures: "window" },
      window,
    });
    expect(song.data).not.toEqual(perWindow.data);
  });
});

describe("AistppConfigSchema", () => {
  it("reads the former name audioRecipe as featureSet, and refuses both at once", () => {
    expect(AistppConfigSchema.parse({ audioRecipe: "fact35" }).featureSet).toBe("fact35");
    expect(AistppConfigSchema.safeParse({ audioRecipe: "fact35", featureSet: "edge35" }).success).toBe(false);
  });

  it("takes EDGE's and Bailando's exports", () => {
    expect(AistppConfigSchema.parse({ exports: ["edge", "bailando"] }).exports).toEqual(["edge", "bailando"]);
    expect(AistppConfigSchema.safeParse({ exports: ["fact"] }).success).toBe(false);
  });
});
