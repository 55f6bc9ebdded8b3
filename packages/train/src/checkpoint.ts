/**
 * Checkpoint folders: `checkpoint.json` (format, step, model and train configs, dataset digest, task spec,
 * batch cursor, backend), `weights.safetensors`, `ema.safetensors` and `optimizer.safetensors` (AdamW's m and
 * v, named `m/<param>`, `v/<param>`). Written to a sibling temp folder and renamed into place, so a crash
 * leaves the previous checkpoint whole. Everything exact resume needs is here; RNG state is not, because all
 * randomness is derived from (seed, step).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  decodeSafetensors,
  describeCause,
  encodeSafetensors,
  formatZodIssues,
  readJsonFile,
  type Tensor,
} from "@choreo/core";
import type { ModelConfig } from "@choreo/models";
import { z } from "zod";
import type { Cursor } from "./batchStream.js";
import { CheckpointInvalid } from "./errors.js";
import { checkpointFolder } from "./runFolder.js";
import type { ResolvedTrainConfig } from "./schema.js";
import type { TaskSpec } from "./task.js";

export const CHECKPOINT_FORMAT = "choreo-checkpoint-v1";

export interface CheckpointMeta {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly step: number;
  readonly model: ModelConfig;
  readonly train: ResolvedTrainConfig;
  readonly dataset: { readonly name: string; readonly digest: string; readonly fps: number };
  readonly task: TaskSpec;
  readonly cursor: Cursor;
  readonly backend: string;
}

export type NamedArrays = Map<string, { shape: number[]; data: Float32Array }>;

export interface CheckpointData {
  readonly meta: CheckpointMeta;
  readonly weights: NamedArrays;
  readonly ema?: NamedArrays;
  readonly optimizer?: { m: NamedArrays; v: NamedArrays; step: number };
}

const Meta = z
  .object({ format: z.literal(CHECKPOINT_FORMAT), step: z.number().int().nonnegative() })
  .passthrough();

const toTensors = (arrays: NamedArrays, prefix = ""): Record<string, Tensor> =>
  Object.fromEntries(
    [...arrays].map(([k, v]) => [`${prefix}${k}`, { dtype: "F32" as const, shape: v.shape, data: v.data }]),
  );

function fromTensors(tensors: Record<string, Tensor>, prefix = ""): NamedArrays {
  const out: NamedArrays = new Map();
  for (const [k, t] of Object.entries(tensors)) {
    if (k.startsWith(prefix))
      out.set(k.slice(prefix.length), { shape: [...t.shape], data: t.data as Float32Array });
  }
  return out;
}

/** Writes a checkpoint folder atomically (replacing an older one at `dir`). */
export function writeCheckpoint(dir: string, data: CheckpointData): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(
    join(tmp, "checkpoint.json"),
    `${JSON.stringify({ ...data.meta, optimizerStep: data.optimizer?.step ?? 0 }, null, 2)}\n`,
  );
  writeFileSync(join(tmp, "weights.safetensors"), encodeSafetensors(toTensors(data.weights)));
  if (data.ema !== undefined)
    writeFileSync(join(tmp, "ema.safetensors"), encodeSafetensors(toTensors(data.ema)));
  if (data.optimizer !== undefined) {
    writeFileSync(
      join(tmp, "optimizer.safetensors"),
      encodeSafetensors({ ...toTensors(data.optimizer.m, "m/"), ...toTensors(data.optimizer.v, "v/") }),
    );
  }
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Reads a checkpoint folder, or the checkpoint of a run folder; throws CheckpointInvalid when it is missing or
 * not a choreo checkpoint.
 */
export function readCheckpoint(path: string): CheckpointData {
  const dir = checkpointFolder(path);
  let raw: unknown;
  try {
    raw = readJsonFile(join(dir, "checkpoint.json"));
  } catch (cause) {
    throw new CheckpointInvalid(dir, describeCause(cause), { cause });
  }
  const parsed = Meta.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new CheckpointInvalid(
      dir,
      `not a ${CHECKPOINT_FORMAT} checkpoint: ${formatZodIssues(parsed.error.issues)}`,
      { cause: parsed.error },
    );
  }
  const read = (file: string): Record<string, Tensor> | undefined =>
    existsSync(join(dir, file)) ? decodeSafetensors(readFileSync(join(dir, file)), file).tensors : undefined;
  const weights = read("weights.safetensors");
  if (weights === undefined) throw new CheckpointInvalid(dir, "weights.safetensors is missing");
  const ema = read("ema.safetensors");
  const opt = read("optimizer.safetensors");
  const meta = parsed.data as unknown as CheckpointMeta & { optimizerStep: number };
  return {
    meta,
    weights: fromTensors(weights),
    ...(ema !== undefined ? { ema: fromTensors(ema) } : {}),
    ...(opt !== undefined
      ? { optimizer: { m: fromTensors(opt, "m/"), v: fromTensors(opt, "v/"), step: meta.optimizerStep } }
      : {}),
  };
}
