/**
 * Streaming shuffled batches from a split's shards. Each epoch visits the shards in a seeded random order and
 * each shard's items in a seeded random order (seeds derived from (seed, epoch)), keeping one decoded shard in
 * memory. The position is a cursor `{ epoch, offset }`: a stream restarted from a checkpoint's cursor yields
 * exactly the batches the uninterrupted run would have. Batches wrap across epochs (no short last batch).
 */
import { mixSeed, createUniform } from "@choreo/models";
import type { Tensor } from "@choreo/core";
import type { Dataset } from "./dataset.js";

export interface Cursor {
  readonly epoch: number;
  readonly offset: number;
}

/** One item: each tensor's values for that item. */
export type Item = Record<string, Float32Array>;

function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = createUniform(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function itemOf(tensors: Record<string, Tensor>, index: number): Item {
  const out: Item = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t.data instanceof Float32Array)) continue; // ids, offsets: not model inputs
    const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
    out[name] = Float32Array.from(t.data.subarray(index * per, (index + 1) * per));
  }
  return out;
}

export interface BatchStream {
  /** The next `batchSize` items. */
  next(): Item[];
  readonly cursor: Cursor;
}

/** A stream over `split`; `shuffle: false` gives the stored order (validation). */
export function createBatchStream(
  dataset: Dataset,
  options: { split: string; batchSize: number; seed: number; cursor?: Cursor; shuffle?: boolean },
): BatchStream {
  const shards = dataset.shards(options.split);
  const shuffle = options.shuffle ?? true;
  let cursor: Cursor = options.cursor ?? { epoch: 0, offset: 0 };
  let order: Array<{ shard: number; index: number }> = [];
  let orderEpoch = -1;
  let loaded: { shard: number; tensors: Record<string, Tensor> } | undefined;

  const epochOrder = (epoch: number): Array<{ shard: number; index: number }> => {
    const shardOrder = shuffle
      ? permutation(shards.length, mixSeed(options.seed, epoch, 0x5a))
      : shards.map((_, i) => i);
    return shardOrder.flatMap((s) => {
      const n = shards[s]!.items;
      const items = shuffle
        ? permutation(n, mixSeed(options.seed, epoch, s + 1))
        : Array.from({ length: n }, (_, i) => i);
      return items.map((index) => ({ shard: s, index }));
    });
  };
  const take = (): Item => {
    if (orderEpoch !== cursor.epoch) {
      order = epochOrder(cursor.epoch);
      orderEpoch = cursor.epoch;
    }
    const slot = order[cursor.offset]!;
    if (loaded?.shard !== slot.shard)
      loaded = { shard: slot.shard, tensors: dataset.readShard(shards[slot.shard]!.file) };
    const item = itemOf(loaded.tensors, slot.index);
    cursor =
      cursor.offset + 1 >= order.length
        ? { epoch: cursor.epoch + 1, offset: 0 }
        : { epoch: cursor.epoch, offset: cursor.offset + 1 };
    return item;
  };
  return {
    next: () => Array.from({ length: options.batchSize }, take),
    get cursor() {
      return cursor;
    },
  };
}
