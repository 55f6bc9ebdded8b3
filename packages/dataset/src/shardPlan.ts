/**
 * The layout of a shard from its windows' headers: a tensor whose per-item shape is the same everywhere is
 * stacked ([N, ...shape]); one whose first axis varies is concatenated along it, with `<name>.offsets`
 * (I64, N + 1 row offsets) so item i is rows offsets[i]..offsets[i+1].
 */
import { shapeSize } from "@choreo/core";
import type { SafetensorsHeader } from "./shardHeader.js";
import type { ShardTensorSpec } from "./shardWriter.js";

export interface ShardPlan {
  readonly specs: ShardTensorSpec[];
  /** Per tensor: where item i's elements start. */
  readonly tensors: { name: string; elementOffsets: number[] }[];
  /** Offsets tensors of ragged entries. */
  readonly offsets: Map<string, BigInt64Array>;
}

export function planShard(headers: readonly SafetensorsHeader["tensors"][]): ShardPlan {
  const specs: ShardTensorSpec[] = [];
  const tensors: ShardPlan["tensors"] = [];
  const offsets = new Map<string, BigInt64Array>();
  const names = headers.length === 0 ? [] : Object.keys(headers[0]!).sort();
  for (const name of names) {
    const shapes = headers.map((h, i) => {
      const t = h[name];
      if (t === undefined) throw new RangeError(`[dataset] window ${i} has no tensor ${name}`);
      return t;
    });
    const dtype = shapes[0]!.dtype;
    const inner = shapes[0]!.shape.slice(1).join(",");
    if (shapes.some((s) => s.dtype !== dtype || s.shape.slice(1).join(",") !== inner)) {
      throw new RangeError(`[dataset] tensor ${name} changes dtype or inner shape between windows`);
    }
    const uniform = shapes.every((s) => s.shape.join(",") === shapes[0]!.shape.join(","));
    const starts: number[] = [];
    let at = 0;
    for (const s of shapes) {
      starts.push(at);
      at += shapeSize(s.shape);
    }
    tensors.push({ name, elementOffsets: starts });
    if (uniform) {
      specs.push({ name, dtype, shape: [shapes.length, ...shapes[0]!.shape] });
    } else {
      const rows = shapes.reduce((n, s) => n + (s.shape[0] ?? 1), 0);
      specs.push({ name, dtype, shape: [rows, ...shapes[0]!.shape.slice(1)] });
      const o = new BigInt64Array(shapes.length + 1);
      shapes.forEach((s, i) => (o[i + 1] = o[i]! + BigInt(s.shape[0] ?? 1)));
      offsets.set(`${name}.offsets`, o);
      specs.push({ name: `${name}.offsets`, dtype: "I64", shape: [shapes.length + 1] });
    }
  }
  return { specs, tensors, offsets };
}
