import { describe, expect, it } from "vitest";
import { hpss, hpssMasks } from "./hpss.js";
import type { Spectrogram } from "./stft.js";

// No librosa golden exists for HPSS; these check the defining properties on a synthetic spectrogram:
// a horizontal line (steady tone) is harmonic, a vertical line (click) is percussive, masks sum to 1.
function lines(): Spectrogram {
  const nBins = 64,
    nFrames = 80;
  const data = new Float32Array(nBins * nFrames).fill(0.01);
  for (let t = 0; t < nFrames; t++) data[20 * nFrames + t] = 1;
  for (let k = 0; k < nBins; k++) data[k * nFrames + 40] = 1;
  return { data, nBins, nFrames };
}

describe("hpss", () => {
  it("assigns a steady tone to the harmonic part and a click to the percussive part", () => {
    const spec = lines();
    const { harmonic, percussive } = hpss(spec);
    expect(harmonic.data[20 * 80 + 10]!).toBeGreaterThan(0.99);
    expect(percussive.data[20 * 80 + 10]!).toBeLessThan(0.01);
    expect(percussive.data[5 * 80 + 40]!).toBeGreaterThan(0.99);
    expect(harmonic.data[5 * 80 + 40]!).toBeLessThan(0.01);
  });

  it("gives soft masks that sum to 1 with margin 1, and 0.5 each where both filters are zero", () => {
    const spec = lines();
    const masks = hpssMasks(spec);
    for (let i = 0; i < spec.data.length; i++)
      expect(masks.harmonic[i]! + masks.percussive[i]!).toBeCloseTo(1, 6);
    const zero = hpssMasks({ data: new Float32Array(9 * 9), nBins: 9, nFrames: 9 }, { kernelSize: 3 });
    expect(zero.harmonic[0]).toBe(0.5);
  });

  it("gives binary masks with power Infinity", () => {
    const masks = hpssMasks(lines(), { power: Infinity });
    expect(new Set(masks.harmonic)).toEqual(new Set([0, 1]));
  });
});
