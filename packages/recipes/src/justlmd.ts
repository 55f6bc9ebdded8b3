/**
 * The `justlmd` recipe, from a JustLMD release folder (`Songs_20xx/<song>/{audio.wav, sliced.json,
 * smplfull.json}`): per song a dance track and the sequence plan; per sequence the `justlmd` log-mel music,
 * optional BERT lyric embeddings, and the (180, 78) dance; splits by song; stats on train; shards; manifest;
 * and the JustLMD exports (the dict as safetensors, and the `.pth` + `indexing.json` JustLMD's code loads). A song folder missing a file is a failed item (named), not a crash.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import {
  decodeAudioStage,
  fetchVideo,
  isRemote,
  listReleaseSongs,
  MissingSource,
  parseSongManifest,
} from "@choreo/ingest";
import { poseEstimate2dStage, videoSmplStage } from "@choreo/pose";
import { createLyricEmbeddingStage, ensureBertModel } from "@choreo/features";
import type { Artifact, Build } from "@choreo/core";
import {
  computeLmdMusic,
  lmdDanceTrack,
  lmdMusic,
  lmdSequencesStage,
  exportJustlmdDictStage,
  exportJustlmdPthStage,
  justlmdPthFiles,
  lmdWindow,
  lrcToSlicedStage,
  pcmToWavStage,
  splitGroups,
  LmdSequencesPlanSchema,
} from "@choreo/dataset";
import { RecipeConfigIncomplete } from "./errors.js";
import { cutSamples, type MusicAudio, type MusicFeatures, type MusicWindow } from "./music.js";
import { defineRecipe, type RecipeResult, type RecipeTools } from "./recipe.js";
import { checkSplitFractions, datasetNameSchema, finishDataset, splitConfigFields } from "./finish.js";

export const JustlmdConfigSchema = z
  .object({
    /** The release folder (holding Songs_2020, Songs_2021, …). */
    root: z.string().optional(),
    name: datasetNameSchema.default("justlmd"),
    /** Only these song folders (default: all). */
    songs: z.array(z.string()).optional(),
    ...splitConfigFields,
    /**
     * BERT lyric embeddings (off when absent): a local transformers.js model folder `<modelsDir>/<modelId>`;
     * `allowDownload: true` fetches a missing one from the hub once.
     */
    lyrics: z
      .object({
        modelsDir: z.string(),
        modelId: z.string().default("bert-base-uncased"),
        alignment: z.enum(["line", "sequence"]).default("line"),
        allowDownload: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /**
     * Video mode (instead of `root`): a `JD<year>.json` manifest `{song: [url, crop]}`, and `videos`, the folder
     * holding `<song>/video.mp4` (copied from local paths or file:// URLs; downloaded with yt-dlp only when
     * `allowDownload`) and `<song>/lyrics.lrc` (synced by hand on the first line, as JustLMD's authors did).
     */
    manifest: z.string().optional(),
    videos: z.string().optional(),
    allowDownload: z.boolean().default(false),
    /**
     * Extra layouts to write under exports/: "justlmd-dict" (JustLMD's `{key: {lyrics, music, dance}}` as
     * safetensors), "justlmd-pth" (`<name>_LMD_Dict.pth` + `indexing.json`, as JustLMD's own code loads them;
     * needs `lyrics`).
     */
    exports: z.array(z.enum(["justlmd-dict", "justlmd-pth"])).default([]),
    /** Rows of each `lyrics` tensor in the justlmd-pth export: token embeddings zero-padded or cut to this. */
    pthLyricsTokens: z.number().int().positive().default(180),
  })
  .strict()
  .superRefine(checkSplitFractions);
export type JustlmdConfig = z.infer<typeof JustlmdConfigSchema>;

const RELEASE = ["audio.wav", "sliced.json", "smplfull.json"] as const;

export async function runJustlmd(b: Build, config: JustlmdConfig, tools: RecipeTools): Promise<RecipeResult> {
  if (config.exports.includes("justlmd-pth") && config.lyrics === undefined)
    throw new RecipeConfigIncomplete(
      "justlmd",
      "needs justlmd.lyrics for the justlmd-pth export (its lyrics are BERT token embeddings)",
    );
  if (config.manifest !== undefined) return runJustlmdVideos(b, config, tools);
  if (config.root === undefined)
    throw new RecipeConfigIncomplete(
      "justlmd",
      "needs justlmd.root (the release folder) or justlmd.manifest in the config",
    );
  const lyricsStage =
    config.lyrics === undefined
      ? undefined
      : createLyricEmbeddingStage({ modelsDir: config.lyrics.modelsDir, modelId: config.lyrics.modelId });
  if (config.lyrics !== undefined) await ensureBertModel(config.lyrics);
  const all = await listReleaseSongs(config.root);
  const songs = config.songs === undefined ? all : all.filter((s) => config.songs!.includes(s.song));
  const splitOf = splitGroups(
    songs.map((s) => s.song),
    { seed: config.seed, valFraction: config.valFraction, testFraction: config.testFraction },
  );
  const dropped: Record<string, number> = { "sequences with missing dance frames": 0 };
  const perSong = await b.collect(
    songs.map((song) =>
      b.item(async () => {
        const missing = RELEASE.filter((f) => (song.missing as readonly string[]).includes(f));
        if (missing.length > 0) {
          throw b.fail(
            "justlmd.source",
            song.song,
            new MissingSource(join(song.dir, missing[0]!), `release file missing (${missing.join(", ")})`),
          );
        }
        const file = (f: string) => `${song.collection}/${song.song}/${f}`;
        const [audio, sliced, smplfull] = await Promise.all([
          b.source(join(song.dir, "audio.wav"), "media", { container: "wav", file: file("audio.wav") }),
          b.source(join(song.dir, "sliced.json"), "text", { format: "json" }),
          b.source(join(song.dir, "smplfull.json"), "media", {
            container: "json",
            file: file("smplfull.json"),
          }),
        ]);
        const { track } = await b.run(lmdDanceTrack, { item: song.song, params: {}, inputs: { smplfull } });
        const { slices } = await b.run(lmdSequencesStage, {
          item: song.song,
          params: { song: song.song },
          inputs: { sliced, track },
        });
        const windows = await songWindows(b, slices, dropped, {
          audio,
          track,
          lyricsStage,
          alignment: config.lyrics?.alignment ?? "line",
        });
        return { song, audio, windows };
      }),
    ),
  );
  return finishJustlmd(
    b,
    config,
    tools,
    perSong.map((s) => ({
      song: s.song.song,
      collection: s.song.collection,
      audio: s.audio,
      windows: s.windows,
    })),
    splitOf,
    dropped,
  );
}

interface SongWindows {
  readonly song: string;
  readonly collection: string;
  readonly audio: Artifact;
  readonly windows: readonly Artifact<"window">[];
}

async function finishJustlmd(
  b: Build,
  config: JustlmdConfig,
  tools: RecipeTools,
  perSong: readonly SongWindows[],
  splitOf: Record<string, string>,
  dropped: Record<string, number>,
): Promise<RecipeResult> {
  const bySplit: Record<string, Artifact<"window">[]> = { train: [], val: [], test: [] };
  for (const s of perSong) bySplit[splitOf[s.song]!]!.push(...s.windows);
  const extra: RecipeResult["files"][number][] = [];
  if (config.exports.includes("justlmd-dict")) {
    const all = Object.values(bySplit).flat();
    const { dict, indexing } = await b.run(exportJustlmdDictStage, {
      item: config.name,
      params: {},
      inputs: { windows: all },
    });
    extra.push(
      { name: `exports/justlmd/${config.name}_Dict.safetensors`, artifact: dict },
      { name: `exports/justlmd/${config.name}_indexing.json`, artifact: indexing },
    );
  }
  const result = await finishDataset(b, {
    name: config.name,
    recipe: "justlmd",
    config,
    tools,
    fps: 30,
    bySplit,
    extra,
    sources: perSong.map((s) => ({
      song: s.song,
      collection: s.collection,
      split: splitOf[s.song]!,
      audio: s.audio.digest,
    })),
    features: {
      dance: "JustLMD dance: per frame EasyMocap poses (72, first 3 zero) + Th (3) + Rh (3)",
      music: "justlmd: log-mel, sr 18000, hop 601, 128 mels, power_to_db(ref=max), z-score per clip",
      ...(config.lyrics === undefined
        ? {}
        : {
            lyrics: `${config.lyrics.modelId} last_hidden_state, mean-pooled per ${config.lyrics.alignment === "line" ? "active lyric line" : "sequence"}, one row per frame`,
            lyricsTokens: `${config.lyrics.modelId} token embeddings of the sequence text (ragged, with lyricsTokens.offsets)`,
          }),
    },
    card: {
      summary:
        "Lyrics–music–dance sequences of JustLMD (Just Dance 2020–2022 videos, EasyMocap SMPL), 6 s at 30 fps, one per sliced.json key except the last, as the JustLMD loader builds them.",
      license:
        "JustLMD release: MIT (MRVNY/JustLMD_Dataset). Music and choreography belong to their owners; research use only.",
      caveats: [
        "Music offsets are absolute; dance offsets are relative to the first lyric line (the video was trimmed there by stream copy, which starts at a keyframe).",
        "Dance is stored as float32 (JustLMD's loader gives float64).",
        config.lyrics === undefined
          ? "No lyric embeddings: configure justlmd.lyrics with a BERT model folder to add them."
          : "Lyric embeddings replace JustLMD's randomly initialised token→frame projection (not reproducible) by a deterministic mean-pooled form; token-level embeddings are kept too.",
      ],
      dropped,
    },
  });
  if (!config.exports.includes("justlmd-pth")) return result;
  const { pth, indexing } = await b.run(exportJustlmdPthStage, {
    item: config.name,
    params: { name: config.name, lyricsTokens: config.pthLyricsTokens },
    inputs: { shards: result.shards, manifest: result.manifest },
  });
  const files = justlmdPthFiles(config.name);
  return {
    ...result,
    files: [
      ...result.files,
      { name: files.pth, artifact: pth },
      { name: files.indexing, artifact: indexing },
    ],
  };
}

/** Video mode: manifest → video + hand-synced LRC per song → pose (BlazePose) → SMPL → JustLMD sequences. */
async function runJustlmdVideos(b: Build, config: JustlmdConfig, tools: RecipeTools): Promise<RecipeResult> {
  if (config.videos === undefined)
    throw new RecipeConfigIncomplete(
      "justlmd",
      "needs justlmd.videos (the folder of <song>/video.mp4 and lyrics.lrc) with justlmd.manifest",
    );
  const videos = config.videos;
  const text = await readFile(config.manifest!, "utf8").catch((cause: unknown) => {
    throw new MissingSource(config.manifest!, "cannot read the manifest", { cause });
  });
  const songs = parseSongManifest(text, config.manifest);
  const lyricsStage =
    config.lyrics === undefined
      ? undefined
      : createLyricEmbeddingStage({ modelsDir: config.lyrics.modelsDir, modelId: config.lyrics.modelId });
  if (config.lyrics !== undefined) await ensureBertModel(config.lyrics);
  const splitOf = splitGroups(
    songs.map((s) => s.song),
    { seed: config.seed, valFraction: config.valFraction, testFraction: config.testFraction },
  );
  const dropped: Record<string, number> = { "sequences with missing dance frames": 0 };
  const collection = basename(config.manifest!).replace(/\.json$/, "");
  const perSong = await b.collect(
    songs.map((entry) =>
      b.item(async () => {
        const dir = join(videos, entry.song);
        const videoPath = join(dir, "video.mp4");
        const lrcPath = join(dir, "lyrics.lrc");
        if (!existsSync(videoPath)) {
          if (isRemote(entry.url) && !config.allowDownload) {
            throw b.fail(
              "justlmd.source",
              entry.song,
              new MissingSource(
                videoPath,
                `not downloaded; place it there or set justlmd.allowDownload to fetch ${entry.url} with yt-dlp`,
              ),
            );
          }
          await fetchVideo(entry.url, videoPath).catch((cause: unknown) => {
            throw b.fail("justlmd.source", entry.song, cause);
          });
        }
        if (!existsSync(lrcPath))
          throw b.fail(
            "justlmd.source",
            entry.song,
            new MissingSource(lrcPath, "no lyrics: write the LRC, syncing its first line by hand"),
          );
        const [video, lrc] = await Promise.all([
          b.source(videoPath, "media", { container: "video", file: `${entry.song}/video.mp4` }),
          b.source(lrcPath, "text", { format: "lrc" }),
        ]);
        const crop =
          entry.crop === "left" || entry.crop === "right" || entry.crop === "center" ? entry.crop : "full";
        const [{ poses }, { pcm }, { sliced }] = await Promise.all([
          b.run(poseEstimate2dStage, {
            item: entry.song,
            params: { model: "blazepose-full", fps: 30, crop },
            inputs: { video },
          }),
          b.run(decodeAudioStage, {
            item: entry.song,
            params: { sampleRateHz: 18000 },
            inputs: { media: video },
          }),
          b.run(lrcToSlicedStage, { item: entry.song, params: {}, inputs: { lrc } }),
        ]);
        const [{ track }, { audio }] = await Promise.all([
          b.run(videoSmplStage, { item: entry.song, params: {}, inputs: { poses } }),
          b.run(pcmToWavStage, { item: entry.song, params: {}, inputs: { pcm } }),
        ]);
        const { slices } = await b.run(lmdSequencesStage, {
          item: entry.song,
          params: { song: entry.song, danceClock: "absolute" },
          inputs: { sliced, track },
        });
        const windows = await songWindows(b, slices, dropped, {
          audio,
          track,
          lyricsStage,
          alignment: config.lyrics?.alignment ?? "line",
        });
        return { song: entry.song, collection, audio, windows };
      }),
    ),
  );
  return finishJustlmd(b, config, tools, perSong, splitOf, dropped);
}

type LyricsStage = ReturnType<typeof createLyricEmbeddingStage>;

interface WindowSources {
  readonly audio: Artifact<"media">;
  readonly track: Artifact<"smpl">;
  readonly lyricsStage: LyricsStage | undefined;
  readonly alignment: "line" | "sequence";
}

/** The windows of one song's sequence plan (a `slices` artifact), counting the sequences it dropped. */
async function songWindows(
  b: Build,
  slices: Artifact<"slices">,
  dropped: Record<string, number>,
  from: WindowSources,
): Promise<Artifact<"window">[]> {
  const plan = b.readJson(slices, LmdSequencesPlanSchema);
  dropped["sequences with missing dance frames"] =
    (dropped["sequences with missing dance frames"] ?? 0) + plan.dropped.length;
  return b.collect(plan.items.map((seq) => b.item(() => sequenceWindow(b, seq, from))));
}

/** One JustLMD sequence: its log-mel music, optional lyric embeddings, and the window with the dance rows. */
async function sequenceWindow(
  b: Build,
  seq: { id: string; startSec: number; durationSec: number; text: string; startFrame: number },
  from: {
    audio: Artifact<"media">;
    track: Artifact<"smpl">;
    lyricsStage: LyricsStage | undefined;
    alignment: "line" | "sequence";
  },
): Promise<Artifact<"window">> {
  const { music } = await b.run(lmdMusic, {
    item: seq.id,
    params: { offsetSec: seq.startSec, durationSec: seq.durationSec },
    inputs: { audio: from.audio },
  });
  const lyrics =
    from.lyricsStage === undefined
      ? []
      : [
          (
            await b.run(from.lyricsStage, {
              item: seq.id,
              params: {
                text: seq.text,
                startSec: seq.startSec,
                durationSec: seq.durationSec,
                alignment: from.alignment,
              },
              inputs: { lyrics: [] },
            })
          ).embedding,
        ];
  const params = { startFrame: seq.startFrame, frames: Math.round(seq.durationSec * 30), text: seq.text };
  return (await b.run(lmdWindow, { item: seq.id, params, inputs: { track: from.track, music, lyrics } }))
    .window;
}

/**
 * JustLMD's music of new audio: the window cut like librosa.load(offset, duration), then the `justlmd` log-mel
 * at 18 kHz (`computeLmdMusic`, as the lmdMusic stage computes every sequence's music).
 */
export function justlmdMusicFeatures(
  audio: MusicAudio,
  request: { readonly window?: MusicWindow } = {},
): MusicFeatures {
  return computeLmdMusic(cutSamples(audio, request.window), audio.sampleRateHz);
}

/** The justlmd recipe. */
export const justlmdRecipe = defineRecipe<JustlmdConfig>({
  name: "justlmd",
  configSchema: JustlmdConfigSchema,
  run: runJustlmd,
  musicFeatures: justlmdMusicFeatures,
});
