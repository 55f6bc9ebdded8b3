/**
 * Bailando's 438-dim music feature (lisiyao21/Bailando `_prepro_aistpp.py::extract_acoustic_feature` with
 * `extractor.py`), librosa 0.11 semantics: at sr 30720 (60 fps, hop 512), rows are frames and columns
 * [0:20] MFCC of power_to_db(mel, ref=max), [20:40] their delta (width 3), [40:52] chroma_cqt (7 octaves) of the
 * HPSS harmonic signal, [52] onset envelope (median aggregate) of the percussive signal, [53] beat one-hot of
 * beat_track on that envelope (start_bpm 120), [54:438] its tempogram (win 384). Bailando pinned librosa 0.8.1
 * (reflect STFT padding, old beat tracker) and loaded audio with essentia; neither difference is reproduced.
 */
import { beatTrack } from "../beat.js";
import { chromaCqt } from "../chromaCqt.js";
import { powerToDb } from "../db.js";
import { delta } from "../delta.js";
import { separateHarmonicPercussive } from "../internal/istft.js";
import { melSpectrogram } from "../mel.js";
import { mfccFromDb } from "../mfcc.js";
import { onsetStrength } from "../onset.js";
import { resample, type ResampleType } from "../resample.js";
import { tempogram } from "../tempogram.js";
import type { FrameFeatures } from "./justlmd.js";

export const BAILANDO438_SAMPLE_RATE_HZ = 15360 * 2;
export const BAILANDO438_N_FEATURES = 438;
/** Column of the beat one-hot (Bailando's Beat Align Score reads it). */
export const BAILANDO438_BEAT_COLUMN = 53;

export interface Bailando438Options {
  /** Resampler when the PCM is not at 30720 Hz (the load step only; the CQT keeps soxr_hq). Default "soxr_hq". */
  readonly resType?: ResampleType;
}

/** Bailando's [frames][438] music feature of mono PCM (resampled to 30720 Hz if needed). */
export function bailando438Features(
  pcm: Float32Array,
  sampleRateHz: number,
  options: Bailando438Options = {},
): FrameFeatures {
  const sr = BAILANDO438_SAMPLE_RATE_HZ;
  const resType = options.resType ?? "soxr_hq";
  const y =
    sampleRateHz === sr
      ? pcm
      : resample(pcm, { origSampleRateHz: sampleRateHz, targetSampleRateHz: sr, resType });
  const mf = mfccFromDb(powerToDb(melSpectrogram(y, { sampleRateHz: sr }), { ref: "max" }), { nMfcc: 20 });
  const mfDelta = delta(mf, { width: 3 });
  const { harmonic, percussive } = separateHarmonicPercussive(y);
  const chroma = chromaCqt(harmonic, { sampleRateHz: sr, nOctaves: 7 });
  const envelope = onsetStrength(percussive, { sampleRateHz: sr, aggregate: "median" });
  const tg = tempogram(envelope);
  const beats = beatTrack(envelope, { sampleRateHz: sr }).beats;
  const nFrames = envelope.length;
  const n = BAILANDO438_N_FEATURES;
  const data = new Float32Array(nFrames * n);
  for (let t = 0; t < nFrames; t++) {
    const row = t * n;
    for (let k = 0; k < 20; k++) {
      data[row + k] = mf.data[k * mf.nFrames + t]!;
      data[row + 20 + k] = mfDelta.data[k * mfDelta.nFrames + t]!;
    }
    for (let c = 0; c < 12; c++) data[row + 40 + c] = chroma.data[c * chroma.nFrames + t]!;
    data[row + 52] = envelope[t]!;
    for (let b = 0; b < tg.nBins; b++) data[row + 54 + b] = tg.data[b * tg.nFrames + t]!;
  }
  for (const b of beats) if (b < nFrames) data[b * n + BAILANDO438_BEAT_COLUMN] = 1;
  return { data, nFrames, nFeatures: n };
}
