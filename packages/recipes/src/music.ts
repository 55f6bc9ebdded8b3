/**
 * The music side of a recipe: what new audio looks like to a recipe's `musicFeatures` (mono PCM at its own
 * rate, with a name and maybe a tempo), the window asked for, and the [frames][dims] features given back, with
 * the cuts the recipes share. A recipe's `musicFeatures` computes exactly what its dataset build stores for the
 * same audio and window; it does not decode files (see `musicFeaturesForDataset`).
 */
import { estimateTempo, onsetStrength, resample, type FrameFeatures } from "@choreo/features";
import { MusicFeaturesUnavailable } from "./errors.js";

/** New audio: mono PCM at its own rate. */
export interface MusicAudio {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
  /** The file name: an AIST++ music id in it gives EDGE/FACT their start tempo. */
  readonly name?: string;
  /** The song's tempo when known (each demo song has its own); estimated from the audio where needed otherwise. */
  readonly bpm?: number;
}

/** A stretch of the audio, in seconds from its start. */
export interface MusicWindow {
  readonly startSec: number;
  readonly durationSec: number;
}

/** [frames][dims] float32 music features at `fps` (`nFrames` rows of `nFeatures`). */
export type MusicFeatures = FrameFeatures & { readonly fps: number };

/** What a recipe's `musicFeatures` is asked: its config, and a window (the whole audio when absent). */
export interface MusicRequest<TConfig> {
  readonly config: TConfig;
  readonly window?: MusicWindow;
}

/** The window's samples as librosa.load(offset, duration) cuts them: `int(seconds × rate)` frames. */
export function cutSamples(audio: MusicAudio, window: MusicWindow | undefined): Float32Array {
  if (window === undefined) return audio.samples;
  const start = Math.trunc(window.startSec * audio.sampleRateHz);
  return audio.samples.subarray(start, start + Math.trunc(window.durationSec * audio.sampleRateHz));
}

/** Rows `[round(startSec·fps), +round(durationSec·fps))` of whole-song features, as the recipes cut windows. */
export function windowRows(recipe: string, f: MusicFeatures, window: MusicWindow | undefined): MusicFeatures {
  if (window === undefined) return f;
  const start = Math.round(window.startSec * f.fps);
  const rows = Math.round(window.durationSec * f.fps);
  if (start < 0 || start + rows > f.nFrames) {
    const problem = `window [${start}, ${start + rows}) runs past the song's ${f.nFrames} frames at ${f.fps} fps`;
    throw new MusicFeaturesUnavailable(recipe, problem);
  }
  return { ...f, data: f.data.slice(start * f.nFeatures, (start + rows) * f.nFeatures), nFrames: rows };
}

/**
 * The song's own tempo when nobody gave it: librosa's `beat.tempo(y)` of the audio at 22050 Hz (hop 512, start
 * 120 BPM), which is also EDGE's fallback for music without an AIST++ id.
 */
export function songTempoBpm(audio: MusicAudio): number {
  const sampleRateHz = 22050;
  const y =
    audio.sampleRateHz === sampleRateHz
      ? audio.samples
      : resample(audio.samples, { origSampleRateHz: audio.sampleRateHz, targetSampleRateHz: sampleRateHz });
  return estimateTempo(onsetStrength(y, { sampleRateHz }), { sampleRateHz }).bpm;
}
