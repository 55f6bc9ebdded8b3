/**
 * The demo's music features: EDGE's 35 librosa-parity features (`edge35`, 30 fps) over the whole song with beat
 * tracking started at the song's own tempo (the synthetic songs' planned tempo; for other audio its tempo as
 * librosa estimates it), then the window's rows. The demo's music stage and sampling both compute it here.
 */
import { EDGE35_FPS, edge35Features } from "@choreo/features";
import { songTempoBpm, windowRows, type MusicAudio, type MusicFeatures, type MusicWindow } from "../music.js";

/** The demo's music features of `audio` (the whole song, or the rows of `window`). */
export function demoMusicFeatures(
  audio: MusicAudio,
  request: { readonly window?: MusicWindow } = {},
): MusicFeatures {
  const startBpm = audio.bpm ?? songTempoBpm(audio);
  const f = edge35Features(audio.samples, audio.sampleRateHz, { startBpm, chop: false });
  const whole = { data: f.data, nFrames: f.nFrames, nFeatures: f.nFeatures, fps: EDGE35_FPS };
  return windowRows("demo", whole, request.window);
}
