/**
 * The rows of issue 15's table, shared by the main thread and the bench workers: each row names its audio (length
 * and rate) and the feature set it computes, with the same calls as the librosa twin (`librosa_bench.py`). The
 * audio is the golden fixtures' synthetic music (b at 22.05 kHz, c at 44.1 kHz), resampled with soxr_hq to the
 * other rates and tiled to the row's length. It does not time anything itself.
 */
import {
  beatTrack,
  bailando438Features,
  chromaCens,
  chromaCqt,
  chromaStft,
  edge35Features,
  fact35Features,
  justlmdFeatures,
  melSpectrogram,
  mfccFromDb,
  onsetDetect,
  onsetStrength,
  onsetStrengthFromDb,
  powerToDb,
  resample,
  tempogram,
} from "../src/index.js";
import { readWav } from "../test/chroma/fixtures.js";

export interface BenchRow {
  readonly id: string;
  readonly label: string;
  readonly audio: string;
  readonly seconds: number;
  readonly sampleRateHz: number;
  readonly run: (y: Float32Array, sampleRateHz: number) => void;
}

/** mel + dB + MFCC + onset envelope + onset detection + beat tracking (median envelope) from one mel spectrogram. */
function melChain(y: Float32Array, sr: number): void {
  const db = powerToDb(melSpectrogram(y, { sampleRateHz: sr }));
  mfccFromDb(db, { nMfcc: 20 });
  onsetDetect(onsetStrengthFromDb(db), { sampleRateHz: sr });
  beatTrack(onsetStrengthFromDb(db, { aggregate: "median" }), { sampleRateHz: sr });
}

export const BENCH_ROWS: readonly BenchRow[] = [
  {
    id: "mel60",
    label: "mel + MFCC + onset env + onset detect + beat_track",
    audio: "60 s @22.05 kHz",
    seconds: 60,
    sampleRateHz: 22050,
    run: melChain,
  },
  {
    id: "mel180",
    label: "same",
    audio: "180 s @22.05 kHz",
    seconds: 180,
    sampleRateHz: 22050,
    run: melChain,
  },
  {
    id: "mel180x44",
    label: "same",
    audio: "180 s @44.1 kHz",
    seconds: 180,
    sampleRateHz: 44100,
    run: melChain,
  },
  {
    id: "chromaStft",
    label: "chroma_stft",
    audio: "60 s",
    seconds: 60,
    sampleRateHz: 22050,
    run: (y, sr) => void chromaStft(y, { sampleRateHz: sr }),
  },
  {
    id: "chromaCens",
    label: "chroma_cens",
    audio: "60 s",
    seconds: 60,
    sampleRateHz: 22050,
    run: (y, sr) => void chromaCens(y, { sampleRateHz: sr }),
  },
  {
    id: "chromaCqt",
    label: "chroma_cqt",
    audio: "60 s",
    seconds: 60,
    sampleRateHz: 22050,
    run: (y, sr) => void chromaCqt(y, { sampleRateHz: sr }),
  },
  {
    id: "tempogram",
    label: "tempogram",
    audio: "180 s",
    seconds: 180,
    sampleRateHz: 22050,
    run: (y, sr) => void tempogram(onsetStrength(y, { sampleRateHz: sr })),
  },
  {
    id: "justlmd",
    label: "justlmd, 30 windows of 6 s",
    audio: "180 s @18 kHz",
    seconds: 180,
    sampleRateHz: 18000,
    run: (y, sr) => {
      for (let start = 0; start + 6 <= 180; start += 6) justlmdFeatures(y, sr, { offsetSec: start });
    },
  },
  {
    id: "edge35",
    label: "edge35 (whole song, one call)",
    audio: "180 s @15.36 kHz",
    seconds: 180,
    sampleRateHz: 15360,
    run: (y, sr) => void edge35Features(y, sr, { startBpm: 100 }),
  },
  {
    id: "fact35",
    label: "fact35",
    audio: "180 s @30.72 kHz",
    seconds: 180,
    sampleRateHz: 30720,
    run: (y, sr) => void fact35Features(y, sr, { startBpm: 100 }),
  },
  {
    id: "bailando438",
    label: "bailando438",
    audio: "180 s @30.72 kHz",
    seconds: 180,
    sampleRateHz: 30720,
    run: (y, sr) => void bailando438Features(y, sr),
  },
  {
    id: "resample",
    label: "resample 22,050 → 15,360 Hz (soxr_hq)",
    audio: "180 s",
    seconds: 180,
    sampleRateHz: 22050,
    run: (y, sr) => void resample(y, { origSampleRateHz: sr, targetSampleRateHz: 15360 }),
  },
];

/** The row's audio: fixture c at 44.1 kHz, otherwise fixture b (resampled with soxr_hq when needed), tiled. */
export function benchAudio(row: Pick<BenchRow, "seconds" | "sampleRateHz">): Float32Array {
  const { y: base, sr } = readWav(row.sampleRateHz === 44100 ? "c" : "b");
  const src =
    sr === row.sampleRateHz
      ? base
      : resample(base, { origSampleRateHz: sr, targetSampleRateHz: row.sampleRateHz });
  const out = new Float32Array(row.seconds * row.sampleRateHz);
  for (let i = 0; i < out.length; i += src.length)
    out.set(src.subarray(0, Math.min(src.length, out.length - i)), i);
  return out;
}
