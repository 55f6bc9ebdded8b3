/**
 * One synthetic AIST++ sequence for the Bailando export tests: an `smpl` artifact (60 fps, AIST++ convention,
 * trans in cm with a scaling) and a `features` artifact shaped as `bailando438` (T × 438 at 60 fps) with
 * one-hot beats, tiny and integral values, so Python's float formatting is exercised. Seeded random float32.
 */
import { encodeSafetensors, type Artifact, type Store } from "@choreo/core";
import { createRng } from "../src/splits.js";

export interface SyntheticSequence {
  readonly smpl: Artifact<"smpl">;
  readonly music: Artifact<"features">;
  readonly poses: Float32Array;
  readonly trans: Float32Array;
  readonly features: Float32Array;
}

export function syntheticAistppSequence(
  store: Store,
  options: { danceFrames: number; musicFrames: number },
): SyntheticSequence {
  const rng = createRng(438);
  const { danceFrames, musicFrames } = options;
  const poses = Float32Array.from({ length: danceFrames * 72 }, () => (rng() - 0.5) * 1.2);
  const trans = Float32Array.from(
    { length: danceFrames * 3 },
    (_, i) => (i % 3 === 1 ? 170 : 0) + (rng() - 0.5) * 40,
  );
  const features = Float32Array.from({ length: musicFrames * 438 }, (_, i) => {
    const column = i % 438;
    if (column === 53) return rng() < 0.1 ? 1 : 0;
    if (column === 52) return (rng() - 0.5) * 1e-5;
    return (rng() - 0.5) * 10 ** (rng() * 6 - 2);
  });
  const put = <TKind extends "smpl" | "features">(
    kind: TKind,
    bytes: Uint8Array,
    meta: Artifact["meta"],
  ): Artifact<TKind> => {
    const { digest, size } = store.putBlob(bytes);
    return { kind, digest, size, meta };
  };
  const smpl = put(
    "smpl",
    encodeSafetensors({
      poses: { dtype: "F32", shape: [danceFrames, 72], data: poses },
      trans: { dtype: "F32", shape: [danceFrames, 3], data: trans },
    }),
    { fps: 60, frames: danceFrames, convention: "aistpp", scaling: 93.5 },
  );
  const music = put(
    "features",
    encodeSafetensors({ features: { dtype: "F32", shape: [musicFrames, 438], data: features } }),
    { name: "bailando438", fps: 60, recipe: "bailando438", frames: musicFrames, dims: 438 },
  );
  return { smpl, music, poses, trans, features };
}
