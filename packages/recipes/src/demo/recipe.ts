/**
 * The `demo` recipe: N synthetic songs → music, lyrics and motion per song → features per song → windows
 * (fan-out) → per-window tensors → stats on train → one shard per split → manifest and card. Per-song work
 * runs before windowing, so changing the window length or stride reruns only windowing, cutting, stats,
 * shards and the manifest.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import { assertRegularFile, type Artifact, type Build } from "@choreo/core";
import { MissingSource } from "@choreo/ingest";
import { createRng, splitGroups } from "@choreo/dataset";
import { BASELINE35_COLUMNS } from "@choreo/features";
import { checkSplitFractions, datasetNameSchema, finishDataset } from "../finish.js";
import {
  cutWindow,
  lyricFeatures,
  musicFeatures,
  planWindowsStage,
  synthLyrics,
  synthMotion,
  synthMusic,
  DemoWindowsPlanSchema,
} from "./stages.js";
import { defineRecipe, type RecipeResult, type RecipeTools } from "../recipe.js";
import { demoMusicFeatures } from "./musicFeatures.js";

export const DemoConfigSchema = z
  .object({
    name: datasetNameSchema.default("demo"),
    seed: z.number().int().default(7),
    songs: z.number().int().min(1).max(1000).default(6),
    durationSec: z.number().positive().max(600).default(20),
    sampleRateHz: z.number().int().min(8000).max(96000).default(22050),
    fps: z.literal(30).default(30),
    bpmMin: z.number().positive().default(90),
    bpmMax: z.number().positive().default(130),
    windowSec: z.number().positive().default(5),
    strideSec: z.number().positive().default(2.5),
    lyricDims: z.number().int().positive().default(32),
    valFraction: z.number().min(0).max(1).default(0.2),
    testFraction: z.number().min(0).max(1).default(0.2),
    /** Use these WAV files instead of the synthetic music of the named songs (e.g. `{"song01": "a.wav"}`). */
    audio: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .superRefine(checkSplitFractions)
  .superRefine(checkWindowAndSongs);

/** A window no longer than the songs (else there would be no windows) and `audio` naming planned songs. */
function checkWindowAndSongs(
  c: { windowSec: number; durationSec: number; songs: number; audio: Record<string, string> },
  ctx: z.RefinementCtx,
): void {
  if (c.windowSec > c.durationSec)
    ctx.addIssue({
      code: "custom",
      path: ["windowSec"],
      message: `expected at most durationSec (${c.durationSec}), or no song has a window`,
      input: c.windowSec,
    });
  const last = `song${String(c.songs - 1).padStart(2, "0")}`;
  for (const song of Object.keys(c.audio)) {
    if (/^song\d{2,}$/.test(song) && Number(song.slice(4)) < c.songs) continue;
    ctx.addIssue({
      code: "custom",
      path: ["audio", song],
      message: `expected a song of this config (song00 to ${last}) as the key`,
      input: song,
    });
  }
}
export type DemoConfig = z.infer<typeof DemoConfigSchema>;

interface SongPlan {
  readonly id: string;
  readonly bpm: number;
  readonly seed: number;
}

function planSongs(config: DemoConfig): SongPlan[] {
  const rng = createRng(config.seed);
  return Array.from({ length: config.songs }, (_, i) => ({
    id: `song${String(i).padStart(2, "0")}`,
    bpm: Math.round((config.bpmMin + (config.bpmMax - config.bpmMin) * rng()) * 10) / 10,
    seed: Math.floor(rng() * 2 ** 31),
  }));
}

/** A `demo.audio` file that is missing or not a regular file fails its song (counted, in the failure table). */
function checkUserAudio(b: Build, song: string, path: string): void {
  if (!existsSync(path)) throw b.fail("demo.source", song, new MissingSource(path, "not found (demo.audio)"));
  try {
    assertRegularFile(path);
  } catch (cause) {
    throw b.fail("demo.source", song, cause);
  }
}

/** Runs the demo recipe on a build. */
export async function runDemo(b: Build, config: DemoConfig, tools: RecipeTools): Promise<RecipeResult> {
  const songs = planSongs(config);
  const splitOf = splitGroups(
    songs.map((s) => s.id),
    { seed: config.seed, valFraction: config.valFraction, testFraction: config.testFraction },
  );
  const frames = Math.round(config.durationSec * config.fps);
  const perSong = await b.collect(
    songs.map((song) =>
      b.item(async () => {
        const common = { bpm: song.bpm, durationSec: config.durationSec, seed: song.seed };
        const userAudio = config.audio[song.id];
        if (userAudio !== undefined) checkUserAudio(b, song.id, userAudio);
        const audio =
          userAudio === undefined
            ? (
                await b.run(synthMusic, {
                  item: song.id,
                  params: { ...common, sampleRateHz: config.sampleRateHz, rootHz: 220 },
                  inputs: {},
                })
              ).audio
            : await b.source(userAudio, "media", { container: "wav", file: basename(userAudio) });
        const [{ lyrics }, { motion }, { features: music }] = await Promise.all([
          b.run(synthLyrics, { item: song.id, params: common, inputs: {} }),
          b.run(synthMotion, { item: song.id, params: { ...common, fps: config.fps }, inputs: {} }),
          b.run(musicFeatures, { item: song.id, params: { bpm: song.bpm }, inputs: { audio } }),
        ]);
        const { features: lyricsEmb } = await b.run(lyricFeatures, {
          item: song.id,
          params: { fps: config.fps, frames, dims: config.lyricDims },
          inputs: { lyrics },
        });
        const { slices } = await b.run(planWindowsStage, {
          item: song.id,
          params: { windowSec: config.windowSec, strideSec: config.strideSec },
          inputs: { motion, lyrics },
        });
        const { items } = b.readJson(slices, DemoWindowsPlanSchema);
        const windows = await b.collect(
          items.map((w) =>
            b.item(async () => {
              const params = {
                startFrame: Math.round(w.startSec * config.fps),
                frames: Math.round(w.durationSec * config.fps),
                text: w.text,
              };
              return (
                await b.run(cutWindow, { item: w.id, params, inputs: { motion, music, lyrics: lyricsEmb } })
              ).window;
            }),
          ),
        );
        return { song, audio, motion, windows };
      }),
    ),
  );
  const bySplit: Record<string, Artifact<"window">[]> = { train: [], val: [], test: [] };
  for (const s of perSong) bySplit[splitOf[s.song.id]!]!.push(...s.windows);
  return finishDataset(b, {
    name: config.name,
    recipe: "demo",
    config,
    tools,
    fps: config.fps,
    bySplit,
    sources: perSong.map((s) => ({
      id: s.song.id,
      bpm: s.song.bpm,
      split: splitOf[s.song.id]!,
      audio: s.audio.digest,
      motion: s.motion.digest,
    })),
    features: {
      motion: "72 SMPL axis-angle (root first, 24 joints) + 3 root translation (m, y up)",
      music:
        "edge35: onset envelope, 20 MFCC, 12 chroma CENS, onset and beat one-hots (librosa 0.11 parity), 30 fps",
      lyrics: "demo-hashed-bag-of-words of the active lyric line",
    },
    columns: { music: BASELINE35_COLUMNS, motion: SMPL75_COLUMNS },
    card: {
      summary: [
        "A synthetic music–motion–lyrics dataset that choreo generates itself, so the whole pipeline can be seen",
        "offline in a minute. Songs are drums plus sine chords at a tempo per song, lyrics are made-up words timed",
        "on bars, and motion is a procedural beat-synchronous dance in SMPL axis-angle form.",
      ].join("\n"),
      license: "Generated by choreo; no third-party material. CC0.",
      caveats: [
        "The lyric features are a hashed bag of words (BERT needs a local model folder; the justlmd recipe has it).",
        "The motion is procedural and not physically plausible; use it to test pipelines, not to train models you care about.",
      ],
    },
  });
}

/** The demo recipe. */
export const demoRecipe = defineRecipe<DemoConfig>({
  name: "demo",
  configSchema: DemoConfigSchema,
  run: runDemo,
  musicFeatures: demoMusicFeatures,
});

/** Names of the motion tensor's 75 columns: 24 joints × axis-angle xyz, then the root translation. */
const SMPL75_COLUMNS: readonly string[] = [
  ...Array.from({ length: 72 }, (_, i) => `pose_${Math.floor(i / 3)}_${"xyz"[i % 3]!}`),
  "trans_x",
  "trans_y",
  "trans_z",
];
