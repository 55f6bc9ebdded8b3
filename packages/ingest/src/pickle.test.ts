import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isNdArray, type NdArray } from "./ndarray.js";
import { parsePickle, readPickle, type PickleDict, type PickleValue } from "./pickle.js";

const dir = new URL("../test/fixtures/pickle/", import.meta.url);
const load = (name: string, buffers?: Uint8Array[]): PickleValue =>
  parsePickle(readFileSync(new URL(name, dir)), { file: name, ...(buffers ? { buffers } : {}) });
const fixture = (name: string): Uint8Array => readFileSync(new URL(name, dir));

interface Expected {
  dtype: string;
  shape: number[];
  data: (number | boolean | string)[];
}
const expected = JSON.parse(readFileSync(new URL("expected.json", dir), "utf8")) as Record<string, Expected>;
const numpyName: Record<string, string> = { bool: "bool" };

function asArray(value: PickleValue | undefined): NdArray {
  if (!isNdArray(value)) throw new Error(`not an NdArray: ${typeof value}`);
  return value;
}

/** Compares with numpy's values exactly: every fixture value is representable in its dtype. */
function expectMatches(value: PickleValue | undefined, name: string): void {
  const array = asArray(value);
  const want = expected[name]!;
  expect(array.dtype).toBe(numpyName[want.dtype] ?? want.dtype);
  expect(array.shape).toEqual(want.shape);
  const got = Array.from(array.data as ArrayLike<number | bigint>, Number);
  expect(got).toEqual(want.data.map((v) => (v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v))));
}

function dict(value: PickleValue): PickleDict {
  if (!(value instanceof Map)) throw new Error("not a dict");
  return value;
}

describe("parsePickle", () => {
  it.each([2, 4, 5])("reads a C-ordered float32 array (protocol %i)", (protocol) => {
    expectMatches(load(`f32_p${protocol}.pkl`), "f32");
  });

  it.each([2, 4, 5])("converts a Fortran-ordered array to C order (protocol %i)", (protocol) => {
    expectMatches(load(`fortran_p${protocol}.pkl`), "fortran");
  });

  it.each([2, 4, 5])("reads every dtype, big-endian included (protocol %i)", (protocol) => {
    const d = dict(load(`dtypes_p${protocol}.pkl`));
    for (const key of ["f32", "f64", "i32", "i64", "u1", "b1", "i16", "f8be", "i4be"]) {
      expectMatches(d.get(key), `dtypes.${key}`);
    }
    expect(asArray(d.get("i64")).data).toBeInstanceOf(BigInt64Array);
    expect(asArray(d.get("f8be")).dtype).toBe("float64");
  });

  it.each([2, 4])("reads numpy scalars as 0-d arrays (protocol %i)", (protocol) => {
    const d = dict(load(`scalars_p${protocol}.pkl`));
    expect(asArray(d.get("f32"))).toEqual({ dtype: "float32", shape: [], data: new Float32Array([0.75]) });
    expect(asArray(d.get("f64")).data[0]).toBe(-3.5);
    expect(asArray(d.get("i64")).data[0]).toBe(-9n);
    expect(asArray(d.get("b"))).toMatchObject({ dtype: "bool", shape: [] });
    expect(asArray(d.get("b")).data[0]).toBe(1);
  });

  it.each([2, 4, 5])("reads Python values and memo references (protocol %i)", (protocol) => {
    const d = dict(load(`plain_p${protocol}.pkl`));
    expect(d.get("none")).toBeNull();
    expect([d.get("yes"), d.get("no")]).toEqual([true, false]);
    expect([d.get("small"), d.get("neg"), d.get("int2"), d.get("int4")]).toEqual([7, -1, 40000, -3000000000]);
    expect([d.get("big"), d.get("negbig")]).toEqual([2n ** 70n, -(2n ** 65n)]);
    expect(d.get("float")).toBe(3.141592653589793);
    expect([d.get("text"), d.get("empty"), d.get("long_text")]).toEqual(["héllo ✓", "", "x".repeat(300)]);
    expect(d.get("bytes")).toEqual(new Uint8Array([0, 1, 255]));
    expect(d.get("nobytes")).toEqual(new Uint8Array(0));
    expect(d.get("list")).toEqual([1, "two", 3, [null]]);
    expect(d.get("tuple")).toEqual([1, [2, 3]]);
    expect(Object.isFrozen(d.get("tuple"))).toBe(true);
    expect(dict(dict(d.get("nested")!).get("a")!).get("b")).toEqual([true]);
    const shared = d.get("shared") as PickleValue[];
    expectMatches(shared[0], "shared");
    expect(shared[1]).toBe(shared[0]);
  });

  it("takes protocol-5 out-of-band buffers in order", () => {
    expectMatches(load("oob_p5.pkl", [fixture("oob_p5.buf0")]), "oob");
    expectMatches(load("oob_fortran_p5.pkl", [fixture("oob_fortran_p5.buf0")]), "oob_fortran");
  });

  it.each([2, 4, 5])("accepts numpy 2's numpy._core module names (protocol %i)", (protocol) => {
    const d = dict(load(`core2_p${protocol}.pkl`));
    if (protocol === 2) expectMatches(d.get("f8be"), "dtypes.f8be");
    else expectMatches(d.get("a"), "fortran");
    if (protocol === 4) expect(asArray(d.get("s")).data[0]).toBe(0.75);
    if (protocol === 5) expectMatches(d.get("b"), "f32");
  });

  it("refuses os.system with UnsafePickle", () => {
    expect(() => load("evil_os_system.pkl")).toThrow(
      expect.objectContaining({ _tag: "UnsafePickle", global: "posix.system" }),
    );
  });

  it("refuses an unsafe global nested after valid arrays", () => {
    expect(() => load("evil_nested.pkl")).toThrow(expect.objectContaining({ _tag: "UnsafePickle" }));
  });

  it("reports a truncated pickle as InvalidFormat", () => {
    expect(() => load("truncated.pkl")).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat", file: "truncated.pkl" }),
    );
  });

  it("reports a missing out-of-band buffer as InvalidFormat", () => {
    expect(() => load("oob_p5.pkl")).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }));
  });

  it("rejects data that is not a protocol 2–5 pickle", () => {
    for (const bytes of [
      new Uint8Array([0x28, 0x64, 0x2e]),
      new Uint8Array([0x80, 0x06, 0x4e, 0x2e]),
      new Uint8Array(0),
    ]) {
      expect(() => parsePickle(bytes)).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }));
    }
  });

  it("rejects array data whose length does not fill the shape", () => {
    const bytes = fixture("f32_p4.pkl");
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x4b, 0x03, 0x4b, 0x04, 0x86])); // shape (3, 4)
    const edited = Uint8Array.from(bytes);
    edited[at + 3] = 5; // shape (3, 5)
    expect(() => parsePickle(edited)).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }));
  });
});

describe("readPickle", () => {
  it("reports a missing file as MissingSource", async () => {
    await expect(readPickle("/nonexistent/x.pkl")).rejects.toMatchObject({ _tag: "MissingSource" });
  });
});
