import { describe, expect, it } from "vitest";
import { beatTrack } from "./beat.js";
import { powerToDb } from "./db.js";
import { melSpectrogram } from "./mel.js";
import { mfcc } from "./mfcc.js";
import { onsetDetect, onsetStrength } from "./onset.js";
import { computeGenericFeatureSet } from "./featureSets/genericFeatureSets.js";
import { spectrogram } from "./stft.js";
import { estimateTempo, tempogram } from "./tempogram.js";

const sampleRateHz = 22050;

describe("digital silence", () => {
  const silence = new Float32Array(sampleRateHz * 2);

  it("gives a zero mel spectrogram and power_to_db clamped at 10·log10(amin) = −100 dB", () => {
    const mel = melSpectrogram(silence, { sampleRateHz });
    expect(mel.data.every((v) => v === 0)).toBe(true);
    expect(powerToDb(mel).data.every((v) => v === -100)).toBe(true);
    // parity: with ref=max the reference is clamped to amin too, so everything is 0 dB
    expect(powerToDb(mel, { ref: "max" }).data.every((v) => v === 0)).toBe(true);
  });

  it("gives finite MFCCs, a zero onset envelope, no onsets and librosa's (tempo 0, no beats)", () => {
    expect(mfcc(silence, { sampleRateHz }).data.every(Number.isFinite)).toBe(true);
    const env = onsetStrength(silence, { sampleRateHz });
    expect(env.every((v) => v === 0)).toBe(true);
    expect(onsetDetect(env, { sampleRateHz }).length).toBe(0);
    const track = beatTrack(env, { sampleRateHz });
    expect(track.tempoBpm).toBe(0);
    expect(track.beats.length).toBe(0);
  });

  it("gives an all-zero tempogram (normalisation leaves zero frames at zero)", () => {
    const tg = tempogram(new Float32Array(100));
    expect(tg.data.every((v) => v === 0)).toBe(true);
  });
});

describe("a 1-sample signal", () => {
  const one = Float32Array.of(0.5);

  it("gives one centred frame for every frame-based feature", () => {
    expect(spectrogram(one).nFrames).toBe(1);
    expect(melSpectrogram(one, { sampleRateHz }).nFrames).toBe(1);
    expect(mfcc(one, { sampleRateHz }).nFrames).toBe(1);
    expect(Array.from(onsetStrength(one, { sampleRateHz }))).toEqual([0]);
    expect(computeGenericFeatureSet("beats", one, { sampleRateHz }).shape).toEqual([0]);
  });

  it("pads with numpy's reflect rules when asked (a single sample repeats)", () => {
    const s = spectrogram(one, { padMode: "reflect" });
    // all 2048 samples are 0.5 · window: the DC bin is 0.5 · Σ hann = 0.5 · 1024
    expect(s.data[0]).toBeCloseTo(512, 3);
  });
});

describe("a clip shorter than n_fft", () => {
  const short = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 5));

  it("is zero-padded to 1 + len // hop frames, as librosa 0.11 does (with a warning there)", () => {
    expect(melSpectrogram(short, { sampleRateHz }).nFrames).toBe(2);
    expect(spectrogram(short, { padMode: "reflect" }).nFrames).toBe(2);
    expect(estimateTempo(onsetStrength(short, { sampleRateHz }), { sampleRateHz }).bpm).toBeGreaterThan(0);
  });

  it("is rejected without centring, with InvalidParameter", () => {
    expect(() => spectrogram(short, { center: false })).toThrow(
      expect.objectContaining({ _tag: "InvalidParameter" }),
    );
  });
});

describe("NaN samples", () => {
  it("are rejected with NonFiniteAudio by every entry point", () => {
    const bad = Float32Array.from({ length: 4096 }, (_, i) => (i === 1234 ? NaN : 0.1));
    const tagged = expect.objectContaining({ _tag: "NonFiniteAudio", index: 1234 });
    expect(() => spectrogram(bad)).toThrow(tagged);
    expect(() => melSpectrogram(bad, { sampleRateHz })).toThrow(tagged);
    expect(() => onsetStrength(bad, { sampleRateHz })).toThrow(tagged);
    expect(() => computeGenericFeatureSet("beats", bad, { sampleRateHz })).toThrow(tagged);
  });
});
