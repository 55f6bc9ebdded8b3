import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { datasetVersionsDir, materializeDataset, openStore, type Artifact } from "./index.js";

function setup() {
  const root = mkdtempSync(join(tmpdir(), "materialize-"));
  const store = openStore(join(root, "cache"));
  const file = (name: string, text: string) => {
    const { digest, size } = store.putBlob(Buffer.from(text));
    return { name, artifact: { kind: "text", digest, size, meta: {} } as Artifact };
  };
  const write = (
    out: string,
    files: ReturnType<typeof file>[],
    digest: string,
    onStep?: (s: string) => void,
  ) =>
    materializeDataset({
      out,
      files,
      blobPath: (d) => store.blobPath(d),
      digest,
      ...(onStep === undefined ? {} : { onStep }),
    });
  return { root, file, write };
}

const read = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [n, readFileSync(join(dir, n), "utf8")]),
  );

describe("materializeDataset", () => {
  it("writes the files behind a link and replaces the whole folder on the next write", () => {
    const { root, file, write } = setup();
    const out = join(root, "datasets", "demo");
    mkdirSync(join(root, "datasets"));
    write(out, [file("manifest.json", "{1}"), file("train.safetensors", "a")], "sha256:" + "1".repeat(64));
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(read(out)).toEqual({ "manifest.json": "{1}", "train.safetensors": "a" });
    write(out, [file("manifest.json", "{2}"), file("val.safetensors", "b")], "sha256:" + "2".repeat(64));
    expect(read(out)).toEqual({ "manifest.json": "{2}", "val.safetensors": "b" });
    expect(readdirSync(datasetVersionsDir(out))).toHaveLength(1);
  });

  it("leaves the old dataset whole when the write stops at any step", () => {
    const { root, file, write } = setup();
    const out = join(root, "demo");
    write(out, [file("manifest.json", "old"), file("x", "old-x")], "sha256:" + "a".repeat(64));
    const steps: string[] = [];
    write(out, [file("manifest.json", "new"), file("x", "new-x")], "sha256:" + "b".repeat(64), (s) =>
      steps.push(s),
    );
    write(out, [file("manifest.json", "old"), file("x", "old-x")], "sha256:" + "a".repeat(64));
    for (let stop = 0; stop < steps.length; stop++) {
      let at = 0;
      expect(() =>
        write(out, [file("manifest.json", "new"), file("x", "new-x")], "sha256:" + "b".repeat(64), () => {
          if (at++ === stop) throw new Error("stop");
        }),
      ).toThrow("stop");
      const seen = read(out);
      expect([
        { "manifest.json": "old", x: "old-x" },
        { "manifest.json": "new", x: "new-x" },
      ]).toContainEqual(seen);
      write(out, [file("manifest.json", "old"), file("x", "old-x")], "sha256:" + "a".repeat(64));
    }
    expect(read(out)).toEqual({ "manifest.json": "old", x: "old-x" });
  });

  it("adopts a dataset folder written before links and refuses a folder that is not a dataset", () => {
    const { root, file, write } = setup();
    const legacy = join(root, "legacy");
    mkdirSync(legacy);
    writeFileSync(join(legacy, "manifest.json"), "legacy");
    write(legacy, [file("manifest.json", "new")], "sha256:" + "c".repeat(64));
    expect(read(legacy)).toEqual({ "manifest.json": "new" });
    const home = join(root, "home");
    mkdirSync(home);
    writeFileSync(join(home, "notes.txt"), "mine");
    expect(() => write(home, [file("manifest.json", "new")], "sha256:" + "d".repeat(64))).toThrow(
      expect.objectContaining({ _tag: "InvalidStageUse" }) as Error,
    );
    expect(read(home)).toEqual({ "notes.txt": "mine" });
  });
});
