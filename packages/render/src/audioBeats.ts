/**
 * The beat times a preview ticks on: librosa's beat tracker (@choreo/features, `beat_track(y)` with its median
 * onset envelope, 22050 Hz, hop 512) over the stretch of music a motion spans, decoded with ffmpeg. Times are
 * seconds from that stretch's start.
 */
import { beatTrack, onsetStrength } from "@choreo/features";
import { decodeAudio } from "@choreo/ingest";

/** Beat times (s from `startSec`) of the music in `audioPath` over `[startSec, startSec + durationSec)`. */
export async function audioBeatTimes(
  audioPath: string,
  options: { startSec: number; durationSec: number },
): Promise<number[]> {
  const sampleRateHz = 22050;
  const hopLengthSamples = 512;
  const pcm = await decodeAudio(audioPath, {
    sampleRateHz,
    offsetSec: options.startSec,
    durationSec: options.durationSec,
    mono: true,
  });
  const envelope = onsetStrength(pcm.samples, { sampleRateHz, hopLengthSamples, aggregate: "median" });
  const { beats } = beatTrack(envelope, { sampleRateHz, hopLengthSamples });
  return Array.from(beats, (f) => (f * hopLengthSamples) / sampleRateHz);
}
