import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNdArray, isNdArray, type NdArray } from "./ndarray.js";
import { encodeNpy, parseNpy, readNpy, writeNpy } from "./npy.js";

const dir = new URL("../test/fixtures/npy/", import.meta.url);
const fixture = (name: string): Uint8Array => readFileSync(new URL(name, dir));
const expected = JSON.parse(readFileSync(new URL("expected.json", dir), "utf8")) as Record<
  string,
  { dtype: string; shape: number[]; data: (number | boolean)[] }
>;

function numeric(value: ReturnType<typeof parseNpy>): NdArray {
  if (!isNdArray(value)) throw new Error("not numeric");
  return value;
}

describe("parseNpy", () => {
  it.each(Object.keys(expected))("reads %s as numpy wrote it", (name) => {
    const array = numeric(parseNpy(fixture(`${name}.npy`), { file: name }));
    const want = expected[name]!;
    expect(array.dtype).toBe(want.dtype);
    expect(array.shape).toEqual(want.shape);
    expect(Array.from(array.data as ArrayLike<number | bigint>, Number)).toEqual(want.data.map(Number));
  });

  it("reads an allow_pickle object array holding a dict", () => {
    const value = parseNpy(fixture("object_dict.npy"), { allowPickle: true });
    expect(value.dtype).toBe("object");
    expect(value.shape).toEqual([]);
    const dict = (value as { data: readonly unknown[] }).data[0] as Map<unknown, unknown>;
    expect(dict.get("a")).toBe(1);
    expect(dict.get("b")).toEqual([1.5, "x"]);
  });

  it("refuses an object array without allowPickle", () => {
    expect(() => parseNpy(fixture("object_dict.npy"))).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }),
    );
  });

  it.each(["bad_magic.npy", "bad_header.npy", "truncated_data.npy"])(
    "reports %s as InvalidFormat",
    (name) => {
      expect(() => parseNpy(fixture(name), { file: name })).toThrow(
        expect.objectContaining({ _tag: "InvalidFormat", file: name }),
      );
    },
  );

  it("reports a truncated header as InvalidFormat", () => {
    expect(() => parseNpy(fixture("f32_v1.npy").subarray(0, 30))).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }),
    );
  });
});

describe("encodeNpy", () => {
  const cases: [string, NdArray][] = [
    [
      "save_f32.npy",
      createNdArray(
        "float32",
        [2, 5],
        Float32Array.from({ length: 10 }, (_, i) => i / 4),
      ),
    ],
    ["save_f64.npy", createNdArray("float64", [3], new Float64Array([0.1, 0.2, 0.3]))],
    [
      "save_i32.npy",
      createNdArray(
        "int32",
        [3, 2, 2],
        Int32Array.from({ length: 12 }, (_, i) => i - 4),
      ),
    ],
    ["save_i64.npy", createNdArray("int64", [1, 2], new BigInt64Array([1n, -2n]))],
    ["save_empty.npy", createNdArray("float32", [0, 3], new Float32Array(0))],
  ];

  it.each(cases)("writes the bytes of np.save (%s)", (name, array) => {
    expect(Buffer.from(encodeNpy(array)).equals(Buffer.from(fixture(name)))).toBe(true);
  });

  it("round-trips through writeNpy and readNpy", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "npy-"));
    try {
      const array = createNdArray("uint8", [2, 2], new Uint8Array([1, 2, 3, 4]));
      await writeNpy(join(tmp, "a.npy"), array);
      expect(await readNpy(join(tmp, "a.npy"))).toEqual(array);
      expect((await readFile(join(tmp, "a.npy"))).length % 64).toBe(4);
    } finally {
      await rm(tmp, { recursive: true });
    }
  });
});
