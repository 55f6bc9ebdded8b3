/**
 * What audio features depend on outside choreo's own source, for the `tools` of the stages that compute them
 * or resample: the npm builds of PFFFT (the float32 STFT) and fft.js (float64 transforms), and the committed
 * libsoxr WebAssembly module (soxr_hq). Stage fingerprints cover choreo's code; a new PFFFT release or a rebuilt
 * `soxr.wasm` would change the bytes without touching it, so their versions and digest enter the cache keys here.
 * It does not cover Node itself (V8's Math functions).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { sha256Hex } from "@choreo/core";

let tools: Readonly<Record<string, string>> | undefined;

/** The version of an npm package, found from one of its entry points (PFFFT exports no package.json). */
function packageVersion(entry: string, levelsUp: number): string {
  let dir = dirname(createRequire(import.meta.url).resolve(entry));
  for (let i = 0; i < levelsUp; i++) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** PFFFT's and fft.js's versions and `soxr.wasm`'s sha256, read once per process. */
export function audioFeatureTools(): Readonly<Record<string, string>> {
  tools ??= {
    "@echogarden/pffft-wasm": packageVersion("@echogarden/pffft-wasm/simd", 2), // dist/simd/pffft.js
    "fft.js": packageVersion("fft.js", 1), // lib/fft.js
    "soxr.wasm": sha256Hex(readFileSync(new URL("../wasm/soxr.wasm", import.meta.url))),
  };
  return tools;
}
