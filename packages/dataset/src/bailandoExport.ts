/**
 * The `bailando` export: one JSON per AIST++ sequence, `{"id", "music_array", "dance_array"}`, as
 * lisiyao21/Bailando `_prepro_aistpp.py` (@71da822) writes it and `utils/functional.py load_data_aist` reads it:
 * - folders `aistpp_train_wav/` (the train split) and `aistpp_test_full_wav/` (val and test: Bailando appends
 *   crossmodal_val to its test list), file `<seq>.json`, `json.dump` formatting (Python float repr);
 * - music_array: T × 438 `bailando438` features of the whole song at 60 fps (sr 30720, hop 512);
 * - dance_array: T × 72 SMPL-24 joint positions at 60 fps (Bailando: smplx `SMPL(gender='MALE')` forward,
 *   `transl = smpl_trans / smpl_scaling`, `joints[:, 0:24]`), float32 as torch computes it;
 * - train: music and dance both cut to the shorter length (`align`); test: the full music and the full dance.
 * Not matched: joints come from FK over EDGE's rest offsets without the pelvis rest offset (choreo's
 * `joints24`), since the SMPL model is not redistributable; pass the MALE model's rest joints (`restJointsM`,
 * J_regressor · v_template) and the FK is SMPL's own (to float rounding). Audio is read by choreo's decoder and
 * resampler, not essentia's MonoLoader. The 7.5 fps per-music files (`_prepro_aistpp_music.py`) are not written.
 */
import { z } from "zod";
import { defineStage, metaString, type Artifact } from "@choreo/core";
import {
  easymocapToAistpp,
  forwardKinematics,
  joints24,
  smpl24Parents,
  type SmplSequence,
} from "@choreo/motion";
import { ExportInputMismatch } from "./errors.js";
import { pythonJsonMatrix } from "./internal/pythonJson.js";

const EXPORT = "bailando";
const MUSIC_DIMS = 438;

/** Bailando's folder for a choreo split: train → `aistpp_train_wav`, anything else → `aistpp_test_full_wav`. */
export function bailandoFolder(split: string): "aistpp_train_wav" | "aistpp_test_full_wav" {
  return split === "train" ? "aistpp_train_wav" : "aistpp_test_full_wav";
}

/** Where a sequence's file goes in a dataset folder. */
export function bailandoExportPath(sequence: string, split: string): string {
  return `exports/bailando/${bailandoFolder(split)}/${sequence}.json`;
}

/** SMPL-24 joint positions (T × 72) of an SMPL sequence, as Bailando's dance_array (see the module note). */
export function bailandoDance<TArray extends Float32Array | Float64Array>(
  seq: SmplSequence<TArray>,
  options: { readonly restJointsM?: readonly number[] } = {},
): TArray {
  const rest = options.restJointsM;
  if (rest === undefined) return joints24(seq).data;
  if (rest.length !== 72) throw new RangeError(`[dataset] restJointsM has ${rest.length} values, not 24 × 3`);
  const a = easymocapToAistpp(seq);
  const offsets = new Float64Array(72);
  smpl24Parents.forEach((p, j) => {
    if (p >= 0) for (let c = 0; c < 3; c++) offsets[j * 3 + c] = rest[j * 3 + c]! - rest[p * 3 + c]!;
  });
  // SMPL's root joint is its rest position J0 plus transl, whatever the global orientation.
  const root = new Float64Array(a.frames * 3);
  for (let i = 0; i < root.length; i++) root[i] = a.trans[i]! / a.scaling + rest[i % 3]!;
  return forwardKinematics({
    rotations: a.poses,
    rootPositions: root,
    tree: { parents: smpl24Parents, offsets },
  });
}

export interface BailandoSample {
  readonly id: string;
  readonly split: string;
  /** T × 438, row-major. */
  readonly music: ArrayLike<number>;
  /** T × 72, row-major. */
  readonly dance: ArrayLike<number>;
}

/** The file text of one sequence, with train's common-length cut applied. */
export function bailandoSampleJson(sample: BailandoSample): string {
  const musicFrames = sample.music.length / MUSIC_DIMS;
  const danceFrames = sample.dance.length / 72;
  if (!Number.isInteger(musicFrames) || !Number.isInteger(danceFrames))
    throw new ExportInputMismatch(EXPORT, `${sample.id}: music is not T × 438 or dance not T × 72`);
  const common = Math.min(musicFrames, danceFrames);
  const [m, d] =
    bailandoFolder(sample.split) === "aistpp_train_wav" ? [common, common] : [musicFrames, danceFrames];
  // parity: json.dump(sample_dict, f) — default separators, keys in this order.
  return `{"id": ${JSON.stringify(sample.id)}, "music_array": ${pythonJsonMatrix(sample.music, m, MUSIC_DIMS)}, "dance_array": ${pythonJsonMatrix(sample.dance, d, 72)}}`;
}

function smplSequence(t: Record<string, { data: unknown }>, smpl: Artifact): SmplSequence<Float32Array> {
  const convention = metaString(smpl.meta, "convention", "aistpp");
  return {
    frames: Number(smpl.meta.frames),
    fps: Number(smpl.meta.fps),
    poses: t.poses!.data as Float32Array,
    trans: t.trans!.data as Float32Array,
    scaling: Number(smpl.meta.scaling),
    convention: convention === "easymocap" ? "easymocap" : "aistpp",
  };
}

export const BailandoParamsSchema = z.object({
  /** The sequence name (`gBR_sBM_cAll_d04_mBR0_ch01`). */
  id: z.string(),
  /** choreo's split: "train" is cut to a common length, others are kept full. */
  split: z.string(),
  /** SMPL MALE rest joint positions (24 × 3, metres), for SMPL's own joints; default EDGE's offsets. */
  restJointsM: z.array(z.number()).length(72).optional(),
});

export const exportBailandoStage = defineStage({
  id: "dataset.exportBailando",
  version: 1,
  params: BailandoParamsSchema,
  inputs: { smpl: "smpl", music: "features" },
  outputs: { sample: "json" },
  run: async ({ inputs, params, ctx }) => {
    const music = ctx.readTensors(inputs.music).features!;
    if (music.dtype !== "F32" || music.shape[1] !== MUSIC_DIMS)
      throw new ExportInputMismatch(EXPORT, `music of ${params.id} is not bailando438 (T × 438 float32)`);
    const seq = smplSequence(ctx.readTensors(inputs.smpl), inputs.smpl);
    if (Number(inputs.music.meta.fps) !== seq.fps)
      throw new ExportInputMismatch(
        EXPORT,
        `music at ${metaString(inputs.music.meta, "fps", "?")} fps, motion at ${seq.fps}`,
      );
    const dance = bailandoDance(
      seq,
      params.restJointsM === undefined ? {} : { restJointsM: params.restJointsM },
    );
    const text = bailandoSampleJson({
      id: params.id,
      split: params.split,
      music: music.data as Float32Array,
      dance,
    });
    return {
      sample: ctx.writeText("json", text, {
        format: "json",
        file: bailandoExportPath(params.id, params.split),
      }),
    };
  },
});
