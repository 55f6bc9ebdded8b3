import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { encodePickleDict, openShardWriter } from "./index.js";
import { writeFileSync } from "node:fs";

/** A python3 with numpy: Debian's first (the one CI installs), then whatever is on PATH. */
function findNumpyPython(): string | undefined {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(exe, ["-c", "import numpy"]).status === 0) return exe;
  }
  return undefined;
}

const python = findNumpyPython();
const script = fileURLToPath(new URL("../test/read_shard.py", import.meta.url));

// CI installs python3-numpy, so there the test always runs; elsewhere it needs a numpy.
describe.skipIf(python === undefined && process.env.CI === undefined)("shards read from Python", () => {
  it("gives numpy the same arrays, stacked and ragged, and the metadata", () => {
    const path = join(mkdtempSync(join(tmpdir(), "interop-")), "train-00000.safetensors");
    const motion = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => Math.sin(i) * 10);
    const tokens = Float32Array.from({ length: 5 * 2 }, (_, i) => i / 7);
    const w = openShardWriter(
      path,
      [
        { name: "motion", dtype: "F32", shape: [2, 3, 4] },
        { name: "tokens", dtype: "F32", shape: [5, 2] },
        { name: "tokens.offsets", dtype: "I64", shape: [3] },
      ],
      { ids: JSON.stringify(["a_0", "b_6"]) },
    );
    w.write("motion", 0, motion);
    w.write("tokens", 0, tokens);
    w.write("tokens.offsets", 0, BigInt64Array.from([0n, 2n, 5n]));
    w.close();
    const out = JSON.parse(execFileSync(python!, [script, path], { encoding: "utf8" })) as {
      meta: Record<string, string>;
      tensors: Record<string, { dtype: string; shape: number[]; sum: number; head: number[] }>;
    };
    const ts = decodeSafetensors(readFileSync(path)).tensors;
    expect(out.meta.ids).toBe('["a_0","b_6"]');
    expect(out.tensors.motion).toMatchObject({ dtype: "float32", shape: [2, 3, 4] });
    expect(out.tensors.motion!.head).toEqual([...(ts.motion!.data as Float32Array).slice(0, 5)]);
    expect(out.tensors.motion!.sum).toBeCloseTo(
      [...motion].reduce((a, b) => a + b, 0),
      4,
    );
    expect(out.tensors.tokens).toMatchObject({ dtype: "float32", shape: [5, 2] });
    expect(out.tensors["tokens.offsets"]).toMatchObject({ dtype: "int64", shape: [3], head: [0, 2, 5] });
  });

  it("gives Python's pickle.load the numpy arrays of an exported EDGE motion slice", () => {
    const path = join(mkdtempSync(join(tmpdir(), "interop-")), "slice.pkl");
    const pos = Float32Array.from({ length: 4 * 3 }, (_, i) => i * 0.5 - 1);
    const q = Float64Array.from({ length: 4 * 72 }, (_, i) => Math.cos(i));
    writeFileSync(
      path,
      encodePickleDict({
        pos: { dtype: "float32", shape: [4, 3], data: pos },
        q: { dtype: "float64", shape: [4, 72], data: q },
      }),
    );
    const code =
      "import pickle,json,sys; d=pickle.load(open(sys.argv[1],'rb')); print(json.dumps({k:[str(v.dtype),list(v.shape),v.reshape(-1).tolist()] for k,v in d.items()}))";
    const out = JSON.parse(execFileSync(python!, ["-c", code, path], { encoding: "utf8" })) as Record<
      string,
      [string, number[], number[]]
    >;
    expect(out.pos).toEqual(["float32", [4, 3], [...pos]]);
    expect(out.q![0]).toBe("float64");
    expect(out.q![2]).toEqual([...q]);
  });
});
