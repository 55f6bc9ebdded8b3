/**
 * The `aistpp` recipe: AIST++ annotations (motions pickles, crossmodal splits, ignore list) and the AIST
 * Dance DB music folder → EDGE-style windows (5 s every 0.5 s by default, 30 fps) of a chosen motion
 * representation (edge151, fact219, joints24 or smpl78) with EDGE's per-window music features; the official
 * split membership; stats on train; shards; manifest; optionally EDGE's and Bailando's own layouts under exports/.
 * Sequences on the ignore list are left out (counted).
 */
import { join } from "node:path";
import { z } from "zod";
import { BASELINE35_COLUMNS } from "@choreo/features";
import type { Artifact, Build } from "@choreo/core";
import {
  aistppCutStage,
  computeAistppMusic,
  aistppSongMusicStage,
  aistppWindowsStage,
  aistppWindowStage,
  bailandoExportPath,
  exportBailandoStage,
  exportEdgeSliceStage,
  AistppWindowsPlanSchema,
} from "@choreo/dataset";
import { datasetNameSchema, finishDataset } from "./finish.js";
import {
  aistppMotionStage,
  aistppMusicId,
  MissingSource,
  readAistppIgnoreList,
  readAistppSplit,
  aistppMusicIdIn,
} from "@choreo/ingest";
import { existsSync } from "node:fs";
import { RecipeConfigIncomplete } from "./errors.js";
import { songTempoBpm, windowRows, type MusicAudio, type MusicFeatures, type MusicRequest } from "./music.js";
import { defineRecipe, type RecipeResult, type RecipeTools } from "./recipe.js";

const AistppConfigObject = z
  .object({
    /** The annotation folder (motions/, splits/, ignore_list.txt). */
    annotations: z.string().optional(),
    /** The folder of AIST Dance DB music (`mBR0.wav`, …). */
    music: z.string().optional(),
    name: datasetNameSchema.default("aistpp"),
    representation: z.enum(["edge151", "fact219", "joints24", "smpl78"]).default("edge151"),
    /** The music feature set (`audioRecipe`, its former name, is still read). */
    featureSet: z.enum(["edge35", "fact35", "bailando438"]).default("edge35"),
    windowSec: z.number().positive().default(5),
    strideSec: z.number().positive().default(0.5),
    fps: z.number().positive().default(30),
    /** "window": features per window slice, as EDGE (default); "song": once per song, windows cut from them. */
    musicFeatures: z.enum(["window", "song"]).default("window"),
    /**
     * Extra layouts under exports/: "edge" (EDGE's motions_sliced/*.pkl + wavs_sliced/*.wav per split),
     * "bailando" (Bailando's aistpp_train_wav/ and aistpp_test_full_wav/ JSON per sequence).
     */
    exports: z.array(z.enum(["edge", "bailando"])).default([]),
    /**
     * The SMPL MALE model's 24 rest joint positions (metres, 72 numbers) for the bailando export's joints, so
     * they are SMPL's own; default EDGE's rest offsets (the SMPL model is not redistributable).
     */
    bailandoRestJointsM: z.array(z.number()).length(72).optional(),
    /** Split name → list file under splits/ (a missing list is skipped). */
    splits: z
      .record(z.string(), z.string())
      .default({ train: "crossmodal_train", val: "crossmodal_val", test: "crossmodal_test" }),
  })
  .strict();

/** `audioRecipe` → `featureSet` (its name before feature sets were named so). */
function renameAudioRecipe(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || !("audioRecipe" in raw)) return raw;
  const { audioRecipe, ...rest } = raw as Record<string, unknown>;
  return "featureSet" in rest ? raw : { ...rest, featureSet: audioRecipe };
}

export const AistppConfigSchema = z.preprocess(renameAudioRecipe, AistppConfigObject);
export type AistppConfig = z.infer<typeof AistppConfigSchema>;

export async function runAistpp(b: Build, config: AistppConfig, tools: RecipeTools): Promise<RecipeResult> {
  const { annotations, music } = config;
  if (annotations === undefined || music === undefined) {
    throw new RecipeConfigIncomplete("aistpp", "needs aistpp.annotations and aistpp.music in the config");
  }
  const ignored = new Set(await readAistppIgnoreList(annotations).catch(() => [] as string[]));
  const membership: [string, string][] = [];
  const splits: string[] = [];
  for (const [split, list] of Object.entries(config.splits)) {
    if (!existsSync(join(annotations, "splits", `${list}.txt`))) continue;
    splits.push(split);
    for (const seq of await readAistppSplit(annotations, list)) membership.push([seq, split]);
  }
  const kept = membership.filter(([seq]) => !ignored.has(seq));
  const perSeq = await b.collect(
    kept.map(([seq, split]) =>
      b.item(async () => {
        const motionPath = join(annotations, "motions", `${seq}.pkl`);
        const musicPath = join(music, `${aistppMusicId(seq)}.wav`);
        for (const path of [motionPath, musicPath]) {
          if (!existsSync(path)) throw b.fail("aistpp.source", seq, new MissingSource(path, "not found"));
        }
        const [motion, audio] = await Promise.all([
          b.source(motionPath, "media", { container: "pkl", file: `motions/${seq}.pkl` }),
          b.source(musicPath, "media", { container: "wav", file: `${aistppMusicId(seq)}.wav` }),
        ]);
        const { smpl } = await b.run(aistppMotionStage, { item: seq, params: {}, inputs: { motion } });
        const { slices } = await b.run(aistppWindowsStage, {
          item: seq,
          params: { sequence: seq, windowSec: config.windowSec, strideSec: config.strideSec },
          inputs: { audio, smpl },
        });
        const songMusic =
          config.musicFeatures === "song"
            ? (
                await b.run(aistppSongMusicStage, {
                  item: aistppMusicId(seq),
                  params: { name: aistppMusicId(seq), featureSet: config.featureSet },
                  inputs: { audio },
                })
              ).music
            : undefined;
        const plan = b.readJson(slices, AistppWindowsPlanSchema);
        const exported = config.exports.includes("edge")
          ? await b.collect(
              plan.items.map((w) =>
                b.item(async () => {
                  const p = {
                    startSample: w.startSample,
                    windowSamples: w.windowSamples,
                    startFrame: w.startFrame,
                    frames: w.frames,
                  };
                  const { motion: pkl, wav } = await b.run(exportEdgeSliceStage, {
                    item: w.id,
                    params: p,
                    inputs: { audio, smpl },
                  });
                  return [
                    { name: `exports/edge/${split}/motions_sliced/${w.id}.pkl`, artifact: pkl },
                    { name: `exports/edge/${split}/wavs_sliced/${w.id}.wav`, artifact: wav },
                  ];
                }),
              ),
            )
          : [];
        const bailando = config.exports.includes("bailando")
          ? [await bailandoFile(b, { seq, split, audio, smpl }, config.bailandoRestJointsM)]
          : [];
        const windows = await b.collect(
          plan.items.map((w) =>
            b.item(async () => {
              if (songMusic !== undefined) {
                const cut = {
                  startFrame: w.startFrame,
                  frames: w.frames,
                  representation: config.representation,
                  targetFps: config.fps,
                };
                return (
                  await b.run(aistppCutStage, { item: w.id, params: cut, inputs: { smpl, music: songMusic } })
                ).window;
              }
              const params = {
                name: seq,
                startSample: w.startSample,
                windowSamples: w.windowSamples,
                startFrame: w.startFrame,
                frames: w.frames,
                representation: config.representation,
                featureSet: config.featureSet,
                targetFps: config.fps,
              };
              return (await b.run(aistppWindowStage, { item: w.id, params, inputs: { audio, smpl } })).window;
            }),
          ),
        );
        return { seq, split, motion, windows, exported: [...exported.flat(), ...bailando] };
      }),
    ),
  );
  const bySplit: Record<string, Artifact<"window">[]> = Object.fromEntries(splits.map((s) => [s, []]));
  for (const s of perSeq) bySplit[s.split]!.push(...s.windows);
  return finishDataset(b, {
    name: config.name,
    recipe: "aistpp",
    config,
    tools,
    fps: config.fps,
    bySplit,
    extra: perSeq.flatMap((s) => s.exported),
    sources: perSeq.map((s) => ({ sequence: s.seq, split: s.split, motion: s.motion.digest })),
    features: {
      motion: `${config.representation} at ${config.fps} fps (60 fps decimated as EDGE does)`,
      music:
        config.musicFeatures === "window"
          ? `${config.featureSet} computed per window slice, as EDGE's baseline features`
          : `${config.featureSet} computed over the whole song, cut per window`,
    },
    columns: config.featureSet === "bailando438" ? {} : { music: BASELINE35_COLUMNS },
    card: {
      summary:
        "AIST++ (Li et al. 2021) music–dance windows in EDGE's layout: 5 s windows every 0.5 s, official crossmodal split membership.",
      license:
        "AIST++ annotations: CC BY 4.0. AIST Dance DB music and video: per the AIST Dance DB terms (research use).",
      caveats: [
        "Music features are computed per window slice, like EDGE (beats near window edges differ from whole-song tracking).",
        "Normalization statistics (min/max for EDGE's MinMaxScaler, mean/std) are computed on train windows only.",
      ],
      dropped: { "sequences on the ignore list": membership.length - kept.length },
    },
  });
}

/** One sequence's Bailando JSON: its song's `bailando438` features (60 fps, whole song) and its SMPL motion. */
async function bailandoFile(
  b: Build,
  from: { seq: string; split: string; audio: Artifact<"media">; smpl: Artifact<"smpl"> },
  restJointsM: readonly number[] | undefined,
): Promise<RecipeResult["files"][number]> {
  const song = aistppMusicId(from.seq);
  const { music } = await b.run(aistppSongMusicStage, {
    item: song,
    params: { name: song, featureSet: "bailando438" },
    inputs: { audio: from.audio },
  });
  const { sample } = await b.run(exportBailandoStage, {
    item: from.seq,
    params: {
      id: from.seq,
      split: from.split,
      ...(restJointsM === undefined ? {} : { restJointsM: [...restJointsM] }),
    },
    inputs: { smpl: from.smpl, music },
  });
  return { name: bailandoExportPath(from.seq, from.split), artifact: sample };
}

/**
 * AIST++ music of new audio, honouring `musicFeatures`: "window" computes the feature set on the window's samples
 * alone (EDGE), "song" over the whole song and cuts the window's rows (`computeAistppMusic`, as the build's
 * window and song stages). The start tempo comes from an AIST++ music id in the name, else the given tempo, else
 * the audio's estimated tempo (EDGE's own fallback).
 */
export function aistppMusicFeatures(
  audio: MusicAudio,
  request: MusicRequest<Pick<AistppConfig, "featureSet" | "musicFeatures">>,
): MusicFeatures {
  const { config, window } = request;
  const sr = audio.sampleRateHz;
  const hasId = audio.name !== undefined && aistppMusicIdIn(audio.name) !== undefined;
  const bpm = audio.bpm ?? (hasId || config.featureSet === "bailando438" ? undefined : songTempoBpm(audio));
  const options = {
    sampleRateHz: sr,
    featureSet: config.featureSet,
    ...(audio.name !== undefined ? { name: audio.name } : {}),
    ...(bpm !== undefined ? { startBpm: bpm } : {}),
  };
  if (config.musicFeatures === "song") {
    return windowRows("aistpp", computeAistppMusic(audio.samples, { ...options, mode: "song" }), window);
  }
  // parity: the build cuts each window at whole samples (startSample, windowSamples) before computing
  const start = Math.round((window?.startSec ?? 0) * sr);
  const end = window === undefined ? audio.samples.length : start + Math.round(window.durationSec * sr);
  return computeAistppMusic(audio.samples.subarray(start, end), { ...options, mode: "window" });
}

/** The aistpp recipe. */
export const aistppRecipe = defineRecipe<AistppConfig>({
  name: "aistpp",
  configSchema: AistppConfigSchema,
  run: runAistpp,
  musicFeatures: aistppMusicFeatures,
});
