import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { TypedArray } from "@choreo/core";
import { createRng } from "./splits.js";
import { pyFloat, writeTorchSave, type TorchDtype, type TorchTensor, type TorchValue } from "./torchSave.js";

/** Debian's python3 with python3-torch (what CI installs), else a python3 on PATH with torch. */
function findTorchPython(): string | undefined {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(exe, ["-c", "import torch"]).status === 0) return exe;
  }
  return undefined;
}

const python = findTorchPython();
const describeScript = fileURLToPath(new URL("../test/torch_describe.py", import.meta.url));
const dtypes: readonly TorchDtype[] = ["float32", "float64", "int64", "int32", "uint8"];

function load(path: string, unsafe = false): { torch: string; value: unknown } {
  const args = [describeScript, path, ...(unsafe ? ["--unsafe"] : [])];
  return JSON.parse(execFileSync(python!, args, { encoding: "utf8", maxBuffer: 1 << 28 })) as {
    torch: string;
    value: unknown;
  };
}

const b64 = (a: TypedArray): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

function randomStorage(dtype: TorchDtype, n: number, rng: () => number): TypedArray {
  const special = [NaN, -0, Infinity, -Infinity, 5e-324, 1.7976931348623157e308, 1e-40];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  switch (dtype) {
    case "float32":
      return Float32Array.from({ length: n }, () =>
        rng() < 0.1 ? pick(special) : (rng() - 0.5) * 10 ** (rng() * 20 - 10),
      );
    case "float64":
      return Float64Array.from({ length: n }, () =>
        rng() < 0.1 ? pick(special) : (rng() - 0.5) * 10 ** (rng() * 600 - 300),
      );
    case "int64":
      return BigInt64Array.from({ length: n }, () =>
        rng() < 0.1
          ? pick([-(2n ** 63n), 2n ** 63n - 1n, 0n])
          : BigInt.asIntN(
              64,
              BigInt(Math.floor(rng() * 2 ** 32)) * BigInt(Math.floor(rng() * 2 ** 32)) - 2n ** 62n,
            ),
      );
    case "int32":
      return Int32Array.from({ length: n }, () => Math.floor(rng() * 2 ** 32) - 2 ** 31);
    case "uint8":
      return Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
  }
}

interface Case {
  readonly tensor: TorchTensor & { readonly data: TypedArray };
  readonly strides: number[];
  readonly offset: number;
}

function contiguous(shape: readonly number[]): number[] {
  const s: number[] = [];
  let n = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = n;
    n *= Math.max(shape[i]!, 1);
  }
  return s;
}

/** A random tensor: rank 0-4 with 0-size axes, contiguous, permuted (x.permute) or offset into a larger storage. */
function randomCase(rng: () => number): Case {
  const dtype = dtypes[Math.floor(rng() * dtypes.length)]!;
  const rank = Math.floor(rng() * 5);
  const base = Array.from({ length: rank }, () =>
    rng() < 0.12 ? 0 : 1 + Math.floor(rng() * (rank === 1 ? 9 : 4)),
  );
  const numel = base.reduce((a, b) => a * b, 1);
  const layout = rng();
  if (layout < 0.25 && rank >= 2) {
    const perm = [...base.keys()].sort(() => rng() - 0.5);
    const st = contiguous(base);
    const data = randomStorage(dtype, numel, rng);
    const strides = perm.map((p) => st[p]!);
    return { tensor: { dtype, shape: perm.map((p) => base[p]!), strides, data }, strides, offset: 0 };
  }
  if (layout < 0.4) {
    const extra = 1 + Math.floor(rng() * 5);
    const offset = Math.floor(rng() * (extra + 1));
    const data = randomStorage(dtype, numel + extra, rng);
    return { tensor: { dtype, shape: base, storageOffset: offset, data }, strides: contiguous(base), offset };
  }
  return {
    tensor: { dtype, shape: base, data: randomStorage(dtype, numel, rng) },
    strides: contiguous(base),
    offset: 0,
  };
}

/** The view's elements in C order, as torch's `t.contiguous()` lays them out. */
function gather(c: Case): TypedArray {
  const { shape, data } = c.tensor;
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new (data.constructor as new (n: number) => TypedArray)(n);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let at = c.offset;
    for (let k = shape.length - 1; k >= 0; k--) {
      at += (rest % shape[k]!) * c.strides[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    out[i] = data[at]!;
  }
  return out;
}

function expectedTensor(c: Case): unknown {
  return {
    $tensor: expect.objectContaining({
      dtype: c.tensor.dtype,
      shape: c.tensor.shape,
      stride: c.strides,
      offset: c.offset,
      bytes: b64(gather(c)),
    }),
  };
}

// CI installs python3-torch, so there the test always runs; elsewhere it needs a torch.
describe.skipIf(python === undefined && process.env.CI === undefined)(
  "writeTorchSave read by torch.load",
  () => {
    it("gives random tensors (0-size, 1-D, scalars, views, every dtype) back exactly with weights_only=True", () => {
      const rng = createRng(18);
      const cases = Array.from({ length: 60 }, () => randomCase(rng));
      // The seed covers every dtype, scalars, 1-D, 0-size, permuted and offset views.
      expect(new Set(cases.map((c) => c.tensor.dtype)).size).toBe(dtypes.length);
      expect(cases.some((c) => c.tensor.shape.length === 0)).toBe(true);
      expect(cases.some((c) => c.tensor.shape.length === 1)).toBe(true);
      expect(cases.some((c) => c.tensor.shape.includes(0))).toBe(true);
      expect(cases.some((c) => c.tensor.strides !== undefined)).toBe(true);
      expect(cases.some((c) => c.offset > 0)).toBe(true);
      const path = join(mkdtempSync(join(tmpdir(), "torch-fuzz-")), "fuzz.pth");
      writeTorchSave(
        path,
        cases.map((c) => c.tensor),
        { archiveName: "fuzz" },
      );
      const { value } = load(path);
      expect(value).toEqual(cases.map(expectedTensor));
    });

    it("keeps nested containers, Python ints of any size and shared storages", () => {
      const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
      const value: TorchValue = {
        "lyrics é": [
          1,
          -5,
          70000,
          2 ** 40,
          -(2 ** 31) - 1,
          -(2n ** 63n),
          2n ** 64n,
          true,
          false,
          null,
          "",
          "ü",
        ],
        empty: {},
        none: [],
        nested: {
          a: { dtype: "float64", shape: [2, 3], data: x },
          b: { dtype: "float64", shape: [3, 2], strides: [1, 3], data: x },
        },
      };
      const path = join(mkdtempSync(join(tmpdir(), "torch-nested-")), "nested.pth");
      writeTorchSave(path, value);
      const out = load(path).value as { $dict: [string, unknown][] };
      const int = (v: bigint | number) => ({ $int: String(v) });
      expect(out.$dict.map(([k]) => k)).toEqual(["lyrics é", "empty", "none", "nested"]);
      expect(out.$dict[0]![1]).toEqual([
        int(1),
        int(-5),
        int(70000),
        int(2 ** 40),
        int(-(2 ** 31) - 1),
        int(-(2n ** 63n)),
        int(2n ** 64n),
        true,
        false,
        null,
        "",
        "ü",
      ]);
      expect(out.$dict[1]![1]).toEqual({ $dict: [] });
      expect(out.$dict[2]![1]).toEqual([]);
      const [[, a], [, b]] = (
        out.$dict[3]![1] as { $dict: [string, { $tensor: { storage: number; stride: number[] } }][] }
      ).$dict as [
        [string, { $tensor: { storage: number; stride: number[] } }],
        [string, { $tensor: { storage: number; stride: number[] } }],
      ];
      expect(a.$tensor.storage).toBe(b.$tensor.storage);
      expect(b.$tensor.stride).toEqual([1, 3]);
    });

    it("writes Python floats that torch.load reads bit for bit (weights_only needs torch >= 2.0 for them)", () => {
      const floats = [1, 0.1, -2.5e-300, NaN, -0];
      const path = join(mkdtempSync(join(tmpdir(), "torch-floats-")), "floats.pth");
      writeTorchSave(
        path,
        floats.map((f) => pyFloat(f)),
      );
      const loaded = load(path, true);
      expect(loaded.value).toEqual(floats.map((f) => ({ $float: b64(Float64Array.of(f)) })));
    });
  },
);
