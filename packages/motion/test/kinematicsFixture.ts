/**
 * Loads the committed real-motion fixture (30 frames of JustLMD's EasyMocap output for "Panini") and the
 * float64 numpy goldens that `test/fixtures/make_kinematics.py` computes from it.
 */
import { readFileSync } from "node:fs";
import { parseSmplFull, smplMotion } from "@choreo/ingest";
import type { SmplSequence } from "../src/conventions.js";

const fixtures = new URL("./fixtures/", import.meta.url);

/** The goldens of make_kinematics.py, one row per frame. */
export interface KinematicsExpected {
  readonly frames: number;
  readonly fk_easymocap: number[][];
  readonly aistpp_poses: number[][];
  readonly aistpp_trans: number[][];
  readonly joints24: number[][];
  readonly edge151: number[][];
  readonly fact219: number[][];
}

export const expected = JSON.parse(
  readFileSync(new URL("kinematics_expected.json", fixtures), "utf8"),
) as KinematicsExpected;

export const paniniPath = new URL("panini_smplfull.json", fixtures).pathname;

/** The fixture as an EasyMocap-convention sequence in float64 (poses[0:3] = Rh, trans = Th). */
export function paniniSequence(): SmplSequence<Float64Array> {
  const motion = smplMotion(parseSmplFull(readFileSync(paniniPath, "utf8"), paniniPath));
  const poses = Float64Array.from(motion.poses);
  const trans = Float64Array.from(motion.th);
  for (let t = 0; t < motion.frames; t++) poses.set(motion.rh.subarray(t * 3, t * 3 + 3), t * 72);
  return { frames: motion.frames, fps: 30, poses, trans, scaling: 1, convention: "easymocap" };
}

/** Largest absolute difference between a flat array and rows of numbers. */
export function maxAbsDiff(actual: ArrayLike<number>, rows: readonly (readonly number[])[]): number {
  const flat = rows.flat();
  if (flat.length !== actual.length)
    throw new RangeError(`length ${actual.length} vs expected ${flat.length}`);
  let max = 0;
  for (let i = 0; i < flat.length; i++) max = Math.max(max, Math.abs(actual[i]! - flat[i]!));
  return max;
}
