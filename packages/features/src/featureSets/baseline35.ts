/**
 * The 35-dim AIST++ baseline music feature shared by FACT (google-research/mint `cache_audio_features`, 60 fps) and
 * EDGE (Stanford-TML/EDGE `baseline_features.py::extract`, 30 fps, 5 s chop), with librosa 0.11 semantics:
 * columns [0] onset envelope (mean), [1:21] 20 MFCC, [21:33] 12 CENS, [33] onset one-hot (onset_detect),
 * [34] beat one-hot (beat_track on the same envelope, start_bpm from the AIST++ music id, tightness 100).
 * Rows are frames (hop 512, so fps = sr/512). PCM at another rate is resampled first (soxr_hq, libsoxr itself, like
 * librosa.load(sr=…)). It does not slice songs: EDGE computes this per 5 s slice, FACT per whole song.
 */
import { aistppMusicIdIn, aistppTempoBpm } from "@choreo/ingest";
import { beatTrack } from "../beat.js";
import { chromaCens } from "../chromaCqt.js";
import { InvalidParameter } from "../errors.js";
import { powerToDb } from "../db.js";
import { melSpectrogram } from "../mel.js";
import { mfccFromDb } from "../mfcc.js";
import { onsetDetect, onsetStrengthFromDb } from "../onset.js";
import { resample, type ResampleType } from "../resample.js";
import type { FrameFeatures } from "./justlmd.js";

export const BASELINE35_HOP_LENGTH = 512;
export const BASELINE35_N_FEATURES = 35;

export interface Baseline35Options {
  /** beat_track's start_bpm; default from the AIST++ music id in `name`. */
  readonly startBpm?: number;
  /** File or sequence name carrying the AIST++ music id (e.g. `gBR_sBM_cAll_d04_mBR0_ch01.wav` or `mBR0`). */
  readonly name?: string;
  /** Resampler when the PCM is not at the feature set's rate (librosa.load's res_type); default "soxr_hq". */
  readonly resType?: ResampleType;
}

/** Computes the 35 columns at `featureSet.sampleRateHz`; keeps at most `maxFrames` rows when given (EDGE's chop). */
export function baseline35Features(
  pcm: Float32Array,
  sampleRateHz: number,
  featureSet: { sampleRateHz: number; maxFrames?: number },
  options: Baseline35Options = {},
): FrameFeatures & { startBpm: number; tempoBpm: number } {
  const sr = featureSet.sampleRateHz;
  const musicId = options.name === undefined ? undefined : aistppMusicIdIn(options.name);
  const startBpm = options.startBpm ?? (musicId === undefined ? undefined : aistppTempoBpm(musicId));
  if (startBpm === undefined || !(startBpm > 0)) {
    throw new InvalidParameter(
      "startBpm",
      `no start tempo: pass startBpm or a name with an AIST++ music id (got ${options.name ?? "no name"})`,
    );
  }
  const y =
    sampleRateHz === sr
      ? pcm
      : resample(pcm, {
          origSampleRateHz: sampleRateHz,
          targetSampleRateHz: sr,
          resType: options.resType ?? "soxr_hq",
        });
  const hop = BASELINE35_HOP_LENGTH;
  // onset_strength and mfcc both take power_to_db(melspectrogram(y)) with the same defaults: computed once.
  const db = powerToDb(melSpectrogram(y, { sampleRateHz: sr, hopLengthSamples: hop }));
  const envelope = onsetStrengthFromDb(db, { hopLengthSamples: hop });
  const mf = mfccFromDb(db, { nMfcc: 20 });
  // parity: chroma_cens cannot pick the CQT's resampler; librosa always uses soxr_hq there.
  const cens = chromaCens(y, { sampleRateHz: sr, hopLengthSamples: hop });
  const peaks = onsetDetect(envelope, { sampleRateHz: sr, hopLengthSamples: hop });
  const track = beatTrack(envelope, { sampleRateHz: sr, hopLengthSamples: hop, startBpm, tightness: 100 });
  const total = envelope.length;
  const nFrames = featureSet.maxFrames === undefined ? total : Math.min(total, featureSet.maxFrames);
  const n = BASELINE35_N_FEATURES;
  const data = new Float32Array(nFrames * n);
  for (let t = 0; t < nFrames; t++) {
    data[t * n] = envelope[t]!;
    for (let k = 0; k < 20; k++) data[t * n + 1 + k] = mf.data[k * mf.nFrames + t]!;
    for (let c = 0; c < 12; c++) data[t * n + 21 + c] = cens.data[c * cens.nFrames + t]!;
  }
  for (const p of peaks) if (p < nFrames) data[p * n + 33] = 1;
  for (const b of track.beats) if (b < nFrames) data[b * n + 34] = 1;
  return { data, nFrames, nFeatures: n, startBpm, tempoBpm: track.tempoBpm };
}

/** Names of the 35 columns of EDGE's and FACT's music features, in order. */
export const BASELINE35_COLUMNS: readonly string[] = [
  "onset_env",
  ...Array.from({ length: 20 }, (_, i) => `mfcc_${i}`),
  ...Array.from({ length: 12 }, (_, i) => `chroma_cens_${i}`),
  "onset",
  "beat",
];
