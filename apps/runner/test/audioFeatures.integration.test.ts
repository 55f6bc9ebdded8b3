import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { runCli } from "./cli.js";

const wav = fileURLToPath(new URL("./fixtures/a_clicks_120bpm_22050.wav", import.meta.url));
const golden = JSON.parse(
  readFileSync(new URL("./fixtures/a_clicks_beats.golden.json", import.meta.url), "utf8"),
) as { tempo: number[]; beats: number[] };

describe("choreo audio features", () => {
  it("prints librosa's beat frames and tempo for the click track", async () => {
    const r = await runCli(["audio", "features", wav, "--set", "beats"], tmpdir());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { shape: number[]; data: number[]; tempo: number };
    expect(out.data).toEqual(golden.beats);
    expect(out.tempo).toBeCloseTo(golden.tempo[0]!, 9);
  });

  it("writes a dataset feature set as [frames][features] safetensors (--recipe: the alias of --set)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "audio-")), "mel.safetensors");
    const r = await runCli(
      ["audio", "features", wav, "--recipe", "justlmd", "--duration", "6", "--out", out],
      tmpdir(),
    );
    expect(r.code, r.stderr).toBe(0);
    const { features } = decodeSafetensors(readFileSync(out)).tensors;
    expect(features?.shape).toEqual([180, 128]);
  });
});
