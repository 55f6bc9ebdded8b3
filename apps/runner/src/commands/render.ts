/**
 * `choreo render IN [--item ID] [--audio F] [--audio-start SEC] [--lyrics F] [--over VIDEO] [--fps N]
 * [--size WxH] [--orbit DEG_PER_SEC] [--no-beats] --out F.mp4`: a skeleton preview video (`@choreo/render`).
 * IN is EasyMocap JSON, an AIST++ motion pkl, a choreo .npy, a `choreo sample` output, `choreo pose` JSON (2D
 * keypoints, which `--over` draws on their source video), or a dataset folder / shard with `--item`. With
 * `--audio` the music is muxed and its beats tick on the timeline; `--lyrics` is LRC or timed-lines JSON.
 */
import { defineCommand, stringFlag, stringOptions } from "@choreo/core";
import {
  audioBeatTimes,
  previewOptionsFromFlags,
  readLyricsFile,
  readRenderInput,
  renderPreview,
} from "@choreo/render";

const usage =
  "choreo render IN [--item ID] [--audio F] [--audio-start SEC] [--lyrics F.lrc|F.json] [--over VIDEO] [--fps N] [--size WxH] [--orbit DEG_PER_SEC] [--no-beats] [--verify] --out F.mp4";

export default defineCommand({
  words: ["render"],
  usage,
  describe:
    "Render a skeleton preview video (3D SMPL joints or 2D keypoints) with music, beat ticks and lyrics",
  stopsCleanly: true,
  options: {
    ...stringOptions("item", "audio", "audio-start", "lyrics", "over", "fps", "size", "orbit", "out"),
    "no-beats": { type: "boolean" },
    verify: { type: "boolean" },
  },
  async run(ctx) {
    const str = (k: string): string | undefined => stringFlag(ctx.values, k);
    const [input, out, item, audio, lyrics, over] = [
      ctx.positionals[0],
      ...["out", "item", "audio", "lyrics", "over"].map(str),
    ];
    if (input === undefined || ctx.positionals.length > 1 || out === undefined) {
      ctx.stderr.write(`expected one input and --out F.mp4\nusage: ${usage}\n`);
      return 2;
    }
    const {
      fps,
      audioStartSec,
      orbitDegPerSec: orbit,
      ...size
    } = previewOptionsFromFlags({
      size: str("size"),
      fps: str("fps"),
      orbit: str("orbit"),
      audioStart: str("audio-start"),
    });
    const source = await readRenderInput(input, {
      ...(fps !== undefined ? { fps } : {}),
      ...(item !== undefined ? { item } : {}),
      verify: ctx.values.verify === true,
    });
    const durationSec = source.motion.frames / source.motion.fps;
    const beats = audio !== undefined && ctx.values["no-beats"] !== true;
    const result = await renderPreview(source.motion, {
      out,
      ...size,
      orbitDegPerSec: orbit,
      signal: ctx.signal,
      ...(audio !== undefined ? { audioPath: audio, audioStartSec } : {}),
      ...(lyrics !== undefined ? { lyrics: await readLyricsFile(lyrics) } : {}),
      ...(over !== undefined ? { overVideo: over } : {}),
      ...(beats ? { beatsSec: await audioBeatTimes(audio, { startSec: audioStartSec, durationSec }) } : {}),
    });
    const seconds = result.durationSec.toFixed(2);
    ctx.stderr.write(
      `${out}: ${result.frames} frames at ${result.fps} fps (${seconds} s, ${result.encoder})\n`,
    );
    return 0;
  },
});
