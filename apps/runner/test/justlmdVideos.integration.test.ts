import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { runCli, runFfmpeg } from "./cli.js";

const image = (name: string) =>
  fileURLToPath(new URL(`../../../packages/pose/test/fixtures/images/${name}`, import.meta.url));

describe("choreo build-dataset --recipe justlmd (manifest + videos)", () => {
  it("goes from a manifest, a video and a hand-synced LRC through BlazePose, SMPL and log-mel to JustLMD sequences", async () => {
    const dir = mkdtempSync(join(tmpdir(), "justlmd-videos-"));
    const source = join(dir, "source.mp4");
    const graph = `[0]scale=256:256:force_original_aspect_ratio=increase,crop=256:256,setsar=1,loop=-1:1:0,fps=30[bg];[bg][1]overlay=x='30+3*sin(2*t)':y=0,format=yuv420p[v]`;
    await runFfmpeg([
      "-v",
      "error",
      "-y",
      "-i",
      image("empty.jpg"),
      "-loop",
      "1",
      "-i",
      image("standing.jpg"),
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=262:sample_rate=44100:duration=13.6",
      "-filter_complex",
      graph,
      "-map",
      "[v]",
      "-map",
      "2:a",
      "-r",
      "30",
      "-t",
      "13.6",
      "-c:v",
      "libx264",
      "-c:a",
      "aac",
      source,
    ]);
    mkdirSync(join(dir, "videos", "DanceSong"), { recursive: true });
    writeFileSync(
      join(dir, "videos", "DanceSong", "lyrics.lrc"),
      "[00:01.00] first line here\n[00:07.50] second line here\n[00:14.00] third line\n[00:20.50] last",
    );
    writeFileSync(
      join(dir, "JD2099.json"),
      JSON.stringify({
        DanceSong: [pathToFileURL(source).href, "full"],
        MissingSong: ["https://example.invalid/v", "left"],
      }),
    );
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({
        recipe: "justlmd",
        justlmd: {
          manifest: join(dir, "JD2099.json"),
          videos: join(dir, "videos"),
          valFraction: 0,
          testFraction: 0,
        },
      }),
    );
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json", "--keep-going"], dir);
    expect(r.json.failures).toEqual([
      expect.objectContaining({ item: "MissingSong", stage: "justlmd.source", cause: "MissingSource" }),
    ]);
    const shard = decodeSafetensors(readFileSync(join(r.json.out, "train-00000.safetensors")));
    const ids = JSON.parse(shard.metadata.ids!) as string[];
    // Two sequences (keys 00:01.00 and 00:07.50; the last key is never one). A sequence with frames where
    // BlazePose lost the person is dropped and counted, never filled in: kept + dropped = 2.
    const manifest = JSON.parse(readFileSync(join(r.json.out, "manifest.json"), "utf8")) as {
      dropped: Record<string, number>;
    };
    expect(ids.length + manifest.dropped["sequences with missing dance frames"]!).toBe(2);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(["DanceSong_1", "DanceSong_7"]).toContain(id);
    expect(shard.tensors.dance!.shape).toEqual([ids.length, 180, 78]);
    expect(shard.tensors.music!.shape).toEqual([ids.length, 180, 128]);
    const dance = shard.tensors.dance!.data as Float32Array;
    expect(dance.every(Number.isFinite)).toBe(true);
    // JustLMD's layout: body poses with a zero root, then Th, then Rh (a standing person: Rh well away from 0)
    expect([dance[0], dance[1], dance[2]]).toEqual([0, 0, 0]);
    expect(Math.hypot(dance[75]!, dance[76]!, dance[77]!)).toBeGreaterThan(0.5);
    expect(dance[74]).toBeGreaterThan(0.5); // Th.z: in front of the camera
  });
});
