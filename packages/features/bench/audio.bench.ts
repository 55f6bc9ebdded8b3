/**
 * Audio feature benchmark (`pnpm --filter @choreo/features bench`): mel + MFCC + onsets + beats on 60 s of
 * 22050 Hz audio, and the justlmd feature set over a 3-minute song at 18 kHz (30 clips of 6 s). Prints ms (median of
 * runs after a warm-up) and the real-time factor (audio seconds per compute second). The signal is the b golden
 * (synthetic music at 100 BPM) tiled; librosa is not installed here, see bench/librosa_like.py for a numpy twin.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  beatTrack,
  justlmdFeatures,
  melSpectrogram,
  mfccFromDb,
  onsetDetect,
  onsetStrengthFromDb,
  powerToDb,
} from "../src/index.js";
import { readTestWav } from "../test/wav.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const base = readTestWav(join(here, "../test/fixtures/librosa/b.wav.gz")).samples;

function tile(seconds: number, rate: number): Float32Array {
  const out = new Float32Array(seconds * rate);
  for (let i = 0; i < out.length; i++) out[i] = base[i % base.length]!;
  return out;
}

function time(label: string, audioSec: number, runs: number, fn: () => void): void {
  fn();
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(runs / 2)]!;
  console.log(
    `${label.padEnd(44)} ${median.toFixed(1).padStart(8)} ms   ${(audioSec / (median / 1000)).toFixed(0).padStart(6)}× real time`,
  );
}

const sr = 22050;
const minute = tile(60, sr);
time("mel (60 s, 22050 Hz)", 60, 5, () => melSpectrogram(minute, { sampleRateHz: sr }));
time("mel + MFCC + onsets + beats (60 s)", 60, 5, () => {
  const mel = melSpectrogram(minute, { sampleRateHz: sr });
  const db = powerToDb(mel);
  mfccFromDb(db, { nMfcc: 20 });
  const env = onsetStrengthFromDb(db);
  onsetDetect(env, { sampleRateHz: sr });
  beatTrack(onsetStrengthFromDb(db, { aggregate: "median" }), { sampleRateHz: sr });
});

const song = tile(180, 18000);
time("justlmd, 3-min song as 30 × 6 s clips", 180, 5, () => {
  for (let start = 0; start + 6 <= 180; start += 6) justlmdFeatures(song, 18000, { offsetSec: start });
});
