/**
 * Mono audio as librosa.load reads it, from any file: WAV through the librosa-parity reader (`readWav`:
 * offset/duration cut as `int(seconds × rate)` frames, mean of channels), any other container through ffmpeg
 * (`decodeAudio`). The file's own rate is kept; resampling is the caller's.
 */
import { extname } from "node:path";
import { decodeAudio } from "./media.js";
import { readWav } from "./wav.js";

/** Mono float32 samples at their rate. */
export interface MonoAudio {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

export interface LoadAudioOptions {
  readonly offsetSec?: number;
  readonly durationSec?: number;
}

/** Reads a file's audio as mono PCM at its own rate (WAV directly, anything else through ffmpeg). */
export async function loadAudio(file: string, options: LoadAudioOptions = {}): Promise<MonoAudio> {
  const cut = {
    ...(options.offsetSec !== undefined ? { offsetSec: options.offsetSec } : {}),
    ...(options.durationSec !== undefined ? { durationSec: options.durationSec } : {}),
  };
  const audio =
    extname(file).toLowerCase() === ".wav"
      ? await readWav(file, cut)
      : await decodeAudio(file, { ...cut, mono: true });
  return { samples: audio.samples, sampleRateHz: audio.sampleRateHz };
}
