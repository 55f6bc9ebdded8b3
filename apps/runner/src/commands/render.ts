/**
 * `choreo render IN [--item ID] [--audio F] [--audio-start SEC] [--lyrics F] [--over VIDEO] [--fps N]
 * [--size WxH] [--orbit DEG_PER_SEC] [--no-beats] --out F.mp4`: a skeleton preview video (`@choreo/render`).
 * IN is EasyMocap JSON, an AIST++ motion pkl, a choreo .npy, a `choreo sample` output, `choreo pose` JSON (2D keypoints, which `--over`
 * draws on their source video), or a dataset folder / shard with `--item`. With `--audio`, the music is muxed
 * and its beats (librosa-parity tracker from @choreo/features) tick on the timeline; `--lyrics` takes an LRC
 * file or `{ lines: [{ startSec, endSec, text }] }` JSON, timed on the music.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { LyricsSchema, type Lyrics } from "@choreo/core";
import { beatTrack, onsetStrength } from "@choreo/features";
import { decodeAudio, isIngestError, parseLrc } from "@choreo/ingest";
import { isMotionError } from "@choreo/motion";
import { isRenderError, lyricsOfLrc, readRenderInput, renderPreview } from "@choreo/render";
import { defineCommand } from "../command.js";

const usage =
  "choreo render IN [--item ID] [--audio F] [--audio-start SEC] [--lyrics F.lrc|F.json] [--over VIDEO] [--fps N] [--size WxH] [--orbit DEG_PER_SEC] [--no-beats] --out F.mp4";

async function readLyrics(path: string): Promise<Lyrics> {
  const text = await readFile(path, "utf8");
  if (extname(path).toLowerCase() === ".json") return LyricsSchema.parse(JSON.parse(text));
  return lyricsOfLrc(parseLrc(text, { file: path }));
}

/** Beat times (s from the motion's start) of the music over the motion's span. */
async function musicBeatsSec(audio: string, startSec: number, durationSec: number): Promise<number[]> {
  const sampleRateHz = 22050;
  const hopLengthSamples = 512;
  const pcm = await decodeAudio(audio, { sampleRateHz, offsetSec: startSec, durationSec, mono: true });
  const envelope = onsetStrength(pcm.samples, { sampleRateHz, hopLengthSamples, aggregate: "median" });
  return Array.from(beatTrack(envelope, { sampleRateHz, hopLengthSamples }).beats, (f) => (f * hopLengthSamples) / sampleRateHz);
}

function sizeOf(text: string | undefined): { width: number; height: number } | undefined {
  if (text === undefined) return { width: 512, height: 512 };
  const m = /^(\d+)x(\d+)$/.exec(text);
  return m === null ? undefined : { width: Number(m[1]), height: Number(m[2]) };
}

export default defineCommand({
  words: ["render"],
  usage,
  describe: "Render a skeleton preview video (3D SMPL joints or 2D keypoints) with music, beat ticks and lyrics",
  options: {
    item: { type: "string" },
    audio: { type: "string" },
    "audio-start": { type: "string" },
    lyrics: { type: "string" },
    over: { type: "string" },
    fps: { type: "string" },
    size: { type: "string" },
    orbit: { type: "string" },
    "no-beats": { type: "boolean" },
    out: { type: "string" },
  },
  async run(ctx) {
    const str = (k: string): string | undefined => (typeof ctx.values[k] === "string" ? (ctx.values[k]) : undefined);
    const input = ctx.positionals[0];
    const out = str("out");
    const fps = str("fps") === undefined ? undefined : Number(str("fps"));
    const audioStartSec = Number(str("audio-start") ?? 0);
    const orbit = Number(str("orbit") ?? 0);
    const size = sizeOf(str("size"));
    if (input === undefined || ctx.positionals.length > 1 || out === undefined || size === undefined || (fps !== undefined && !(fps > 0)) || !(audioStartSec >= 0) || !Number.isFinite(orbit)) {
      ctx.stderr.write(`expected one input, --out F.mp4, a positive --fps, --size WxH\nusage: ${usage}\n`);
      return 2;
    }
    try {
      const item = str("item");
      const source = await readRenderInput(input, { ...(fps !== undefined ? { fps } : {}), ...(item !== undefined ? { item } : {}) });
      const audio = str("audio");
      const lyricsPath = str("lyrics");
      const durationSec = source.motion.frames / source.motion.fps;
      const beatsSec = audio !== undefined && ctx.values["no-beats"] !== true ? await musicBeatsSec(audio, audioStartSec, durationSec) : undefined;
      const over = str("over");
      const result = await renderPreview(source.motion, {
        out,
        ...size,
        orbitDegPerSec: orbit,
        signal: ctx.signal,
        ...(audio !== undefined ? { audioPath: audio, audioStartSec } : {}),
        ...(lyricsPath !== undefined ? { lyrics: await readLyrics(lyricsPath) } : {}),
        ...(over !== undefined ? { overVideo: over } : {}),
        ...(beatsSec !== undefined ? { beatsSec } : {}),
      });
      ctx.stderr.write(`${out}: ${result.frames} frames at ${result.fps} fps (${result.durationSec.toFixed(2)} s, ${result.encoder})\n`);
      return 0;
    } catch (err) {
      if (!isRenderError(err) && !isMotionError(err) && !isIngestError(err)) throw err;
      ctx.stderr.write(`${err._tag}: ${err.message}\n`);
      return 1;
    }
  },
});
