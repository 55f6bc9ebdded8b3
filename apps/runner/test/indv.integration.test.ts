import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { runCli } from "./cli.js";

// The dance-to-music layout fixture of @choreo/ingest, written by numpy: two good Ballet clips, a Waacking clip
// whose keypoints are (T, 17, 2), and a Latin clip with no keypoints and no genre.
const layout = fileURLToPath(new URL("../../../packages/ingest/test/fixtures/indv", import.meta.url));

describe("choreo build-dataset --recipe indv", () => {
  it("builds clips with keypoints, rhythm features, genre and 32 kHz audio, naming the bad clips", async () => {
    const dir = mkdtempSync(join(tmpdir(), "indv-"));
    cpSync(layout, join(dir, "indv"), { recursive: true });
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({ recipe: "indv", indv: { root: join(dir, "indv") } }),
    );
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json", "--keep-going"], dir);
    expect(r.code).toBe(1);
    expect(r.json.failures.map((f) => [f.item, f.stage, f.cause]).sort()).toEqual([
      ["Latin/clip_002", "indv.source", "MissingSource"],
      ["Waacking/clip_000", "ingest.indvKeypoints", "ShapeMismatch"],
    ]);
    const manifest = JSON.parse(readFileSync(join(r.json.out, "manifest.json"), "utf8")) as {
      splits: Record<string, { items: number }>;
    };
    const split = Object.entries(manifest.splits).find(([, s]) => s.items > 0)![0];
    expect(manifest.splits[split]!.items).toBe(2); // both Ballet clips: one source, one split
    const shard = decodeSafetensors(readFileSync(join(r.json.out, `${split}-00000.safetensors`)));
    expect(JSON.parse(shard.metadata.ids!)).toEqual(["Ballet/clip_000", "Ballet/clip_001"]);
    expect(shard.tensors.keypoints!.shape).toEqual([2, 5, 17, 3]);
    expect(shard.tensors.directogram!.shape).toEqual([2, 4, 10]);
    expect(shard.tensors.rhythm_peaks!.shape).toEqual([2, 3]);
    expect(shard.tensors.motion_beats!.shape).toEqual([2, 4]);
    expect([...(shard.tensors.genre!.data as Float32Array)]).toEqual([1, 0, 1, 0]);
    expect(shard.tensors.audio!.shape).toEqual([2, Math.round(5.12 * 32000)]);
  });
});
