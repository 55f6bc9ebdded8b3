/**
 * Chroma/CQT and AIST++ feature-set benchmark (`npx tsx --conditions=@choreo/source bench/chroma.bench.ts` from
 * packages/features): chroma_stft, chroma_cqt and chroma_cens on 60 s at 22050 Hz, and the edge35 (per 5 s slice),
 * fact35 and bailando438 feature sets over a 3-minute song. Prints ms (median after a warm-up) and the real-time
 * factor. The signal is the b chroma fixture (synthetic music, 100 BPM) tiled.
 */
import { cpus } from "node:os";
import { readWav } from "../test/chroma/fixtures.js";
import {
  bailando438Features,
  chromaCens,
  chromaCqt,
  chromaStft,
  edge35Features,
  fact35Features,
  resample,
} from "../src/index.js";

const { y: base, sr: baseSr } = readWav("b");

function tile(seconds: number, rate: number): Float32Array {
  const src =
    rate === baseSr
      ? base
      : resample(base, { origSampleRateHz: baseSr, targetSampleRateHz: rate, resType: "polyphase" });
  const out = new Float32Array(seconds * rate);
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
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
    `${label.padEnd(44)} ${median.toFixed(0).padStart(7)} ms   ${(audioSec / (median / 1000)).toFixed(1).padStart(7)}× real time`,
  );
}

console.log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown cpu"} × ${cpus().length}`);
const y60 = tile(60, 22050);
time("chroma_stft, 60 s @ 22050 Hz", 60, 3, () => chromaStft(y60, { sampleRateHz: 22050 }));
time("chroma_cqt, 60 s @ 22050 Hz", 60, 3, () => chromaCqt(y60, { sampleRateHz: 22050 }));
time("chroma_cens, 60 s @ 22050 Hz", 60, 3, () => chromaCens(y60, { sampleRateHz: 22050 }));
const edgeSong = tile(180, 15360);
time("edge35, 3 min in 36 slices of 5 s @ 15360 Hz", 180, 1, () => {
  for (let s = 0; s < 36; s++)
    edge35Features(edgeSong.subarray(s * 5 * 15360, (s + 1) * 5 * 15360), 15360, { startBpm: 100 });
});
const factSong = tile(180, 30720);
time("fact35, 3 min @ 30720 Hz", 180, 1, () => fact35Features(factSong, 30720, { startBpm: 100 }));
time("bailando438, 3 min @ 30720 Hz", 180, 1, () => bailando438Features(factSong, 30720));
