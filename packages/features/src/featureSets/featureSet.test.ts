import { describe, expect, it } from "vitest";
import { computeFeatureSet, featureSetSampleRateHz, isFeatureSet } from "./featureSet.js";
import { justlmdFeatures } from "./justlmd.js";
import { melSpectrogram } from "../mel.js";

const sine = (n: number, sr: number): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / sr));

describe("computeFeatureSet", () => {
  it("dispatches by name to the same numbers as the feature set's own function", () => {
    const y = sine(18000 * 6, 18000);
    const out = computeFeatureSet("justlmd", y, { sampleRateHz: 18000 });
    expect(out.shape).toEqual([180, 128]);
    expect(out.data).toEqual(justlmdFeatures(y, 18000).data);
    const mel = computeFeatureSet("mel", sine(22050, 22050), { sampleRateHz: 22050 });
    expect(mel.data).toEqual(melSpectrogram(sine(22050, 22050), { sampleRateHz: 22050 }).data);
  });

  it("throws InvalidParameter for an unknown name", () => {
    expect(() => computeFeatureSet("nope", sine(100, 100), { sampleRateHz: 100 })).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
    expect(isFeatureSet("edge35")).toBe(true);
    expect(isFeatureSet("nope")).toBe(false);
  });
});

describe("featureSetSampleRateHz", () => {
  it("gives the dataset sets' own rates and none for librosa's sets", () => {
    expect(featureSetSampleRateHz("justlmd")).toBe(18000);
    expect(featureSetSampleRateHz("edge35")).toBe(15360);
    expect(featureSetSampleRateHz("mel")).toBeUndefined();
  });
});
