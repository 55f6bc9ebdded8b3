import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bertModelDigest } from "./bertDigest.js";

const fixture = new URL("../test/fixtures/tiny-bert", import.meta.url).pathname;

function copyOfFixture(): string {
  const folder = join(mkdtempSync(join(tmpdir(), "choreo-bert-")), "tiny-bert");
  cpSync(fixture, folder, { recursive: true });
  return folder;
}

describe("bertModelDigest", () => {
  it("depends on the model files' bytes, not on the folder's path or extra files", () => {
    const copy = copyOfFixture();
    writeFileSync(join(copy, "README.md"), "not read by transformers.js");
    expect(bertModelDigest(copy)).toBe(bertModelDigest(fixture));
    expect(bertModelDigest(fixture)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("changes when a weight file changes", () => {
    const copy = copyOfFixture();
    const before = bertModelDigest(copy);
    writeFileSync(join(copy, "onnx", "model.onnx"), "other weights");
    expect(bertModelDigest(copy)).not.toBe(before);
  });

  it("throws ModelNotFound for an incomplete folder", () => {
    const empty = mkdtempSync(join(tmpdir(), "choreo-bert-"));
    expect(() => bertModelDigest(empty)).toThrow(expect.objectContaining({ _tag: "ModelNotFound" }) as Error);
  });
});
