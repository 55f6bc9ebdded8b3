import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { audioFeatureTools } from "./index.js";

describe("audioFeatureTools", () => {
  it("names the pinned PFFFT and fft.js versions and the committed soxr.wasm's sha256", () => {
    const wasm = readFileSync(new URL("../wasm/soxr.wasm", import.meta.url));
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(audioFeatureTools()).toEqual({
      "@echogarden/pffft-wasm": pkg.dependencies["@echogarden/pffft-wasm"],
      "fft.js": pkg.dependencies["fft.js"],
      "soxr.wasm": createHash("sha256").update(wasm).digest("hex"),
    });
  });
});
