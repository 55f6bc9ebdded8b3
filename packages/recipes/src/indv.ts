/**
 * The `indv` recipe, from either the InDV clip layout (`audio_clips/<sub>/<clip>.wav`,
 * `keypoints_clips/<sub>/<clip>.pkl` (T, 17, 3), `audio_clips/genre.npy`) or raw videos (a video list and a
 * genre manifest: each whole video goes through 2D pose estimation and audio decoding once, then is cut into
 * 5.12 s clips; clips with frames without a person are dropped and counted). Per clip: the keypoints, their
 * rhythm features (directogram, rhythm envelope and peaks, kinematic beats), the genre one-hot and the audio at
 * 32 kHz; splits by source, seeded; stats on train; shards; manifest. Bad items are named failures.
 */
import { z } from "zod";
import type { Artifact, Build, Json } from "@choreo/core";
import {
  indvClipAudio,
  indvClipStage,
  indvVideoClipsStage,
  indvVideoClipStage,
  splitGroups,
  IndvClipsPlanSchema,
} from "@choreo/dataset";
import { checkSplitFractions, datasetNameSchema, finishDataset, splitConfigFields } from "./finish.js";
import {
  indvKeypointsStage,
  decodeAudioStage,
  genreOfClip,
  InvalidFormat,
  listIndvClips,
  localPath,
  MissingSource,
  readGenreLabels,
  readIndvGenreManifest,
  readIndvVideoList,
} from "@choreo/ingest";
import { poseEstimate2dStage } from "@choreo/pose";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { RecipeConfigIncomplete } from "./errors.js";
import type { MusicAudio, MusicFeatures, MusicRequest } from "./music.js";
import { defineRecipe, type RecipeResult, type RecipeTools } from "./recipe.js";

export const IndvConfigSchema = z
  .object({
    /** Root of the InDV clip layout (audio_clips/, keypoints_clips/). */
    root: z.string().optional(),
    name: datasetNameSchema.default("indv"),
    sampleRateHz: z.number().int().positive().default(32000),
    clipSec: z.number().positive().default(5.12),
    ...splitConfigFields,
    /** Raw mode: a video list (one path or URL a line) and a genre manifest (CSV `video,genre` or JSON). */
    videos: z.string().optional(),
    genres: z.string().optional(),
    poseModel: z
      .enum(["movenet-lightning", "movenet-thunder", "blazepose-full", "blazepose-heavy"])
      .default("movenet-lightning"),
    /** Pose sampling rate of raw videos (InDV's clips have 308 frames per 5.12 s, ≈ 60 fps). */
    poseFps: z.number().positive().default(60),
  })
  .strict()
  .superRefine(checkSplitFractions);
export type IndvConfig = z.infer<typeof IndvConfigSchema>;

/** The source a clip was cut from: its id without a trailing `_<n>` (so no source sits in two splits). */
export function clipGroup(id: string): string {
  return id.replace(/_\d+$/, "");
}

export async function runIndv(b: Build, config: IndvConfig, tools: RecipeTools): Promise<RecipeResult> {
  if (config.videos !== undefined) return runIndvVideos(b, config, tools);
  const root = config.root;
  if (root === undefined)
    throw new RecipeConfigIncomplete(
      "indv",
      "needs indv.root (the InDV clip layout) or indv.videos in the config",
    );
  const clips = await listIndvClips(root);
  const labels = await readGenreLabels(root);
  const splitOf = splitGroups(
    clips.map((c) => clipGroup(c.id)),
    { seed: config.seed, valFraction: config.valFraction, testFraction: config.testFraction },
  );
  const built = await b.collect(
    clips.map((clip) =>
      b.item(async () => {
        if (clip.keypointsPath === undefined) {
          throw b.fail(
            "indv.source",
            clip.id,
            new MissingSource(
              join(root, "keypoints_clips", `${clip.id}.pkl`),
              "no keypoints for this audio clip",
            ),
          );
        }
        const genreIndex = genreOfClip(labels, clip);
        if (genreIndex === undefined) {
          throw b.fail(
            "indv.source",
            clip.id,
            new InvalidFormat(join(root, "audio_clips", "genre.npy"), `no genre for ${clip.audioPath}`),
          );
        }
        const [audio, keypoints] = await Promise.all([
          b.source(clip.audioPath, "media", { container: "wav", file: `audio_clips/${clip.id}.wav` }),
          b.source(clip.keypointsPath, "media", { container: "pkl", file: `keypoints_clips/${clip.id}.pkl` }),
        ]);
        const { poses } = await b.run(indvKeypointsStage, {
          item: clip.id,
          params: {},
          inputs: { keypoints },
        });
        const genre = Array.from({ length: labels.classes }, (_, i) => (i === genreIndex ? 1 : 0));
        const { window } = await b.run(indvClipStage, {
          item: clip.id,
          params: { genre, sampleRateHz: config.sampleRateHz, clipSec: config.clipSec },
          inputs: { poses, audio },
        });
        return { clip, genreIndex, window };
      }),
    ),
  );
  const bySplit: Record<string, Artifact<"window">[]> = { train: [], val: [], test: [] };
  for (const c of built) bySplit[splitOf[clipGroup(c.clip.id)]!]!.push(c.window);
  return finish(
    b,
    config,
    tools,
    bySplit,
    built.map((c) => ({ clip: c.clip.id, genre: c.genreIndex, split: splitOf[clipGroup(c.clip.id)]! })),
    {},
  );
}

async function finish(
  b: Build,
  config: IndvConfig,
  tools: RecipeTools,
  bySplit: Record<string, Artifact<"window">[]>,
  sources: Record<string, Json>[],
  dropped: Record<string, number>,
): Promise<RecipeResult> {
  return finishDataset(b, {
    name: config.name,
    recipe: "indv",
    config,
    tools,
    fps: config.videos !== undefined ? config.poseFps : 60,
    bySplit,
    sources,
    features: {
      keypoints: "COCO-17 (x, y, score) per frame, as in keypoints_clips",
      directogram: "10 orientation bins of joint displacements (Dance-to-Music RhythmEncoder)",
      rhythm_envelope: "rectified directogram flux, normalised to max 1",
      rhythm_peaks: "the RhythmEncoder's picked peaks (0/1)",
      motion_beats: "Bailando kinematic beats on the 2D joints (0/1 per frame step)",
      genre: "genre one-hot from genre.npy",
      audio: `the clip's music at ${config.sampleRateHz} Hz, ${config.clipSec} s`,
    },
    card: {
      summary:
        "Dance-to-music clips (InDV, or AIST++ clips in the same layout): 5.12 s of COCO-17 keypoints with rhythm features, genre and music.",
      license:
        "InDV videos belong to their owners; the layout and labels follow lsfhuihuiff/Dance-to-music_Siggraph_Asia_2024. Research use only.",
      caveats: [
        "Clips are grouped for splits by their name without a trailing _<n>; name clips <source>_<n> so that clips of one video stay in one split.",
        "The video frame rate of InDV clips is not published; keypoint counts per clip vary (AIST++ 305, InDV 308) and are stored ragged when they differ.",
        "Raw videos: keypoints come from choreo's 2D pose estimation (MoveNet/BlazePose on TF.js), not MMPose as in the paper.",
      ],
      dropped,
    },
  });
}

/** Raw mode: video list + genre manifest → pose and audio per whole video → 5.12 s clips. */
async function runIndvVideos(b: Build, config: IndvConfig, tools: RecipeTools): Promise<RecipeResult> {
  if (config.genres === undefined)
    throw new RecipeConfigIncomplete("indv", "needs indv.genres (the genre manifest) with indv.videos");
  const base = dirname(resolve(config.videos!));
  const videos = await readIndvVideoList(config.videos!);
  const genreOf = await readIndvGenreManifest(config.genres);
  const classes = [...new Set(genreOf.values())].sort();
  const splitOf = splitGroups(
    videos.map((v) => v.id),
    { seed: config.seed, valFraction: config.valFraction, testFraction: config.testFraction },
  );
  const dropped: Record<string, number> = { "clips with frames without a person": 0 };
  const built = await b.collect(
    videos.map((video) =>
      b.item(async () => {
        const genre = genreOf.get(video.id) ?? genreOf.get(video.source);
        if (genre === undefined)
          throw b.fail(
            "indv.source",
            video.id,
            new InvalidFormat(config.genres!, `no genre for video ${video.id}`),
          );
        const path = resolve(base, localPath(video.source));
        if (!existsSync(path))
          throw b.fail(
            "indv.source",
            video.id,
            new MissingSource(path, "video not found (fetch it first: choreo works offline)"),
          );
        const media = await b.source(path, "media", { container: "video", file: video.id });
        const [{ poses }, { pcm }] = await Promise.all([
          b.run(poseEstimate2dStage, {
            item: video.id,
            params: { model: config.poseModel, fps: config.poseFps },
            inputs: { video: media },
          }),
          b.run(decodeAudioStage, {
            item: video.id,
            params: { sampleRateHz: config.sampleRateHz },
            inputs: { media },
          }),
        ]);
        const { slices } = await b.run(indvVideoClipsStage, {
          item: video.id,
          params: { video: video.id, clipSec: config.clipSec },
          inputs: { poses },
        });
        const plan = b.readJson(slices, IndvClipsPlanSchema);
        for (const [why, n] of Object.entries(plan.dropped)) dropped[why] = (dropped[why] ?? 0) + n;
        const oneHot = classes.map((c) => (c === genre ? 1 : 0));
        const windows = await b.collect(
          plan.items.map((clip) =>
            b.item(async () => {
              const params = {
                genre: oneHot,
                startFrame: clip.startFrame,
                frames: clip.frames,
                startSec: clip.startSec,
                clipSec: config.clipSec,
              };
              return (await b.run(indvVideoClipStage, { item: clip.id, params, inputs: { poses, pcm } }))
                .window;
            }),
          ),
        );
        return { video, genre, windows };
      }),
    ),
  );
  const bySplit: Record<string, Artifact<"window">[]> = { train: [], val: [], test: [] };
  for (const v of built) bySplit[splitOf[v.video.id]!]!.push(...v.windows);
  const sources = built.map((v) => ({
    video: v.video.id,
    genre: v.genre,
    split: splitOf[v.video.id]!,
    clips: v.windows.length,
  }));
  return finish(b, config, tools, bySplit, sources, dropped);
}

/**
 * InDV's music of new audio: what an InDV window stores as `audio`, the clip from the window's start resampled to
 * `sampleRateHz` and cut or padded to the window's length (`clipSec` by default), via `indvClipAudio` as the
 * clip stages. One feature per sample: frames are samples, `fps` the rate.
 */
export function indvMusicFeatures(
  audio: MusicAudio,
  request: MusicRequest<Pick<IndvConfig, "sampleRateHz" | "clipSec">>,
): MusicFeatures {
  const { config, window } = request;
  const start = Math.round((window?.startSec ?? 0) * audio.sampleRateHz);
  const data = indvClipAudio(audio.samples.subarray(start), {
    sampleRateHz: audio.sampleRateHz,
    clipSampleRateHz: config.sampleRateHz,
    clipSec: window?.durationSec ?? config.clipSec,
  });
  return { data, nFrames: data.length, nFeatures: 1, fps: config.sampleRateHz };
}

/** The indv recipe. */
export const indvRecipe = defineRecipe<IndvConfig>({
  name: "indv",
  configSchema: IndvConfigSchema,
  run: runIndv,
  musicFeatures: indvMusicFeatures,
});
