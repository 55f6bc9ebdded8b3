import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { arrayJson, readArrayValues, writeArrayFile } from "./arrayFile.js";
import { readNpy } from "./npy.js";

const beats = { shape: [3], dtype: "int64", data: Int32Array.from([1, 5, 9]) } as const;

describe("writeArrayFile", () => {
  it("writes int64 arrays to .npy and .safetensors widened, with extra values as metadata", async () => {
    const dir = mkdtempSync(join(tmpdir(), "array-file-"));
    await writeArrayFile(join(dir, "b.npy"), beats);
    const npy = await readNpy(join(dir, "b.npy"));
    expect(npy).toMatchObject({ dtype: "int64", shape: [3] });
    expect(Array.from((npy as { data: BigInt64Array }).data, Number)).toEqual([1, 5, 9]);
    await writeArrayFile(join(dir, "b.safetensors"), beats, { tempo: 120 });
    const st = decodeSafetensors(readFileSync(join(dir, "b.safetensors")));
    expect(st.tensors.features?.dtype).toBe("I64");
    expect(st.metadata).toEqual({ tempo: "120" });
  });

  it("refuses other extensions with InvalidFormat", async () => {
    await expect(writeArrayFile(join(tmpdir(), "b.txt"), beats)).rejects.toMatchObject({
      _tag: "InvalidFormat",
    });
  });
});

describe("arrayJson", () => {
  it("prints shape, dtype, data and extras on one line", () => {
    expect(arrayJson(beats, { tempo: 120 })).toBe(
      '{"shape":[3],"dtype":"int64","data":[1,5,9],"tempo":120}\n',
    );
  });
});

describe("readArrayValues", () => {
  it("reads back the values of .json and .safetensors array files as float32", async () => {
    const dir = mkdtempSync(join(tmpdir(), "array-file-"));
    const rows = { shape: [2, 2], dtype: "float32", data: Float32Array.from([0.5, 1, 2, 3]) } as const;
    for (const name of ["r.json", "r.safetensors"]) {
      await writeArrayFile(join(dir, name), rows);
      expect(await readArrayValues(join(dir, name))).toEqual(rows.data);
    }
  });

  it.each([
    ["n.json", '{"shape":[2],"data":[1,"x"]}', "InvalidFormat"],
    ["e.json", '{"shape":[0],"data":[]}', "InvalidFormat"],
    ["deep.json", `${"[".repeat(1000)}${"]".repeat(1000)}`, "InvalidJsonFile"],
  ])("refuses %s (%s) with %s", async (name, text, tag) => {
    const file = join(mkdtempSync(join(tmpdir(), "array-file-")), name);
    writeFileSync(file, text);
    await expect(readArrayValues(file)).rejects.toMatchObject({ _tag: tag });
  });

  it("refuses NaN or infinite features where they enter (NonFiniteValues)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "array-file-"));
    const rows = { shape: [3], dtype: "float32", data: Float32Array.from([0, Number.NaN, 1]) } as const;
    await writeArrayFile(join(dir, "nan.safetensors"), rows);
    await expect(readArrayValues(join(dir, "nan.safetensors"), "music")).rejects.toMatchObject({
      _tag: "NonFiniteValues",
      what: "music",
      index: 1,
    });
  });
});
