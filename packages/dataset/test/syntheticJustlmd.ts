/**
 * A small JustLMD-like dataset built through the real dataset stages (windows → shards → manifest), for the
 * export tests: three songs, eight sequences `<song>_<int seconds>` with dance [180, 78], music [180, 128],
 * frame-aligned lyrics [180, 8] and token-level lyricsTokens [n, 8] of varied n (2 to 190, so padding and
 * JustLMD's cut at 180 both occur). Values are seeded random float32.
 */
import { encodeSafetensors, type Artifact, type Build, type Store, type Tensor } from "@choreo/core";
import { createRng } from "../src/splits.js";
import { manifestStage, normalizationStatsStage, shardStage } from "../src/stages.js";

export const HIDDEN = 8;
const SONGS = { AlphaSong: "train", BetaSong: "train", GammaSong: "test" } as const;
const SEQUENCES: readonly [keyof typeof SONGS, number, number][] = [
  ["AlphaSong", 12, 9],
  ["AlphaSong", 19, 2],
  ["AlphaSong", 25, 190],
  ["BetaSong", 7, 14],
  ["BetaSong", 31, 180],
  ["GammaSong", 3, 11],
  ["GammaSong", 10, 5],
  ["GammaSong", 100, 17],
];

export interface SyntheticJustlmd {
  readonly ids: readonly string[];
  readonly shards: Artifact<"shard">[];
  readonly manifest: Artifact<"manifest">;
}

function window(
  store: Store,
  id: string,
  tokens: number,
  rng: () => number,
  withTokens: boolean,
): Artifact<"window"> {
  const f32 = (shape: number[], scale: number): Tensor => ({
    dtype: "F32",
    shape,
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng() - 0.5) * scale),
  });
  const tensors: Record<string, Tensor> = {
    dance: f32([180, 78], 3),
    music: f32([180, 128], 4),
    lyrics: f32([180, HIDDEN], 1),
  };
  if (withTokens) {
    tensors.lyricsTokens = f32([tokens, HIDDEN], 1);
    tensors.lyricsTokenIds = {
      dtype: "I32",
      shape: [tokens],
      data: Int32Array.from({ length: tokens }, (_, i) => i),
    };
  }
  const { digest, size } = store.putBlob(encodeSafetensors(tensors));
  return { kind: "window", digest, size, meta: { id, text: `words of ${id}` } };
}

/** Builds the dataset's shards and manifest in `store` through `build`. */
export async function buildSyntheticJustlmd(
  store: Store,
  build: Build,
  options: { withTokens?: boolean } = {},
): Promise<SyntheticJustlmd> {
  const rng = createRng(7);
  const bySplit: Record<string, Artifact<"window">[]> = { train: [], test: [] };
  const ids: string[] = [];
  for (const [song, sec, tokens] of SEQUENCES) {
    const id = `${song}_${sec}`;
    ids.push(id);
    bySplit[SONGS[song]]!.push(window(store, id, tokens, rng, options.withTokens ?? true));
  }
  const { stats } = await build.run(normalizationStatsStage, {
    item: "train",
    params: {},
    inputs: { windows: bySplit.train! },
  });
  const shards = await Promise.all(
    Object.entries(bySplit).map(
      async ([split, windows]) =>
        (await build.run(shardStage, { item: split, params: { split }, inputs: { windows } })).shard,
    ),
  );
  const { manifest } = await build.run(manifestStage, {
    item: "tiny",
    params: {
      name: "tiny",
      recipe: "justlmd",
      config: {},
      tools: {},
      fps: 30,
      sources: [],
      features: {},
      card: { summary: "synthetic", license: "test data", caveats: [] },
    },
    inputs: { shards, stats },
  });
  return { ids, shards, manifest };
}
