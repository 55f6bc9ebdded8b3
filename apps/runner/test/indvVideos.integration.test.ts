import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeSafetensors } from "@choreo/core";
import { runCli, runFfmpeg } from "./cli.js";

// Photos of people from @choreo/pose's fixtures, moved across an empty room by ffmpeg, with a tone as music.
const image = (name: string) =>
  fileURLToPath(new URL(`../../../packages/pose/test/fixtures/images/${name}`, import.meta.url));

async function makeVideo(out: string, x: string, seconds: number): Promise<void> {
  const graph = `[0]scale=256:256:force_original_aspect_ratio=increase,crop=256:256,setsar=1,loop=-1:1:0,fps=10[bg];[bg][1]overlay=x='${x}':y=0,format=yuv420p[v]`;
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
    `sine=frequency=330:sample_rate=44100:duration=${seconds}`,
    "-filter_complex",
    graph,
    "-map",
    "[v]",
    "-map",
    "2:a",
    "-r",
    "10",
    "-t",
    String(seconds),
    "-c:v",
    "libx264",
    "-c:a",
    "aac",
    out,
  ]);
}

describe("choreo build-dataset --recipe indv (raw videos)", () => {
  it("estimates poses once per video, cuts 5.12 s clips, and drops clips where the dancer is gone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "indv-videos-"));
    await makeVideo(join(dir, "dancer.mp4"), "30+4*t", 11);
    await makeVideo(join(dir, "leaver.mp4"), "40+115*t", 11); // walks out of frame at ≈ 1.9 s
    writeFileSync(join(dir, "videos.txt"), "dancer.mp4\nleaver.mp4\n");
    writeFileSync(join(dir, "genres.csv"), "video,genre\ndancer,Ballet\nleaver,Waacking\n");
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({
        recipe: "indv",
        indv: { videos: join(dir, "videos.txt"), genres: join(dir, "genres.csv"), poseFps: 10 },
      }),
    );
    const r = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.stages["pose.estimate2d"]).toEqual({ run: 2, cached: 0, failed: 0 });
    const manifest = JSON.parse(readFileSync(join(r.json.out, "manifest.json"), "utf8")) as {
      splits: Record<string, { items: number }>;
      dropped: Record<string, number>;
      sources: { video: string; clips: number }[];
    };
    expect(manifest.sources.find((s) => s.video === "dancer")?.clips).toBe(2);
    expect(manifest.sources.find((s) => s.video === "leaver")?.clips).toBe(0);
    expect(manifest.dropped["clips with frames without a person"]).toBe(2);
    const split = Object.entries(manifest.splits).find(([, s]) => s.items > 0)![0];
    const shard = decodeSafetensors(readFileSync(join(r.json.out, `${split}-00000.safetensors`)));
    expect(JSON.parse(shard.metadata.ids!)).toEqual(["dancer_0", "dancer_1"]);
    expect(shard.tensors.keypoints!.shape).toEqual([2, 51, 17, 3]);
    expect(shard.tensors.audio!.shape).toEqual([2, Math.round(5.12 * 32000)]);
    expect([...(shard.tensors.genre!.data as Float32Array)]).toEqual([1, 0, 1, 0]);
    // keypoints land in the frame, on a person: finite, inside 256 × 256
    const kp = shard.tensors.keypoints!.data as Float32Array;
    for (let i = 0; i < kp.length; i += 3) {
      expect(kp[i]).toBeGreaterThanOrEqual(0);
      expect(kp[i]).toBeLessThanOrEqual(256);
    }
    // a longer clip length reruns no pose estimation or audio decoding
    writeFileSync(
      join(dir, "choreo.config.json"),
      JSON.stringify({
        recipe: "indv",
        indv: { videos: join(dir, "videos.txt"), genres: join(dir, "genres.csv"), poseFps: 10, clipSec: 4 },
      }),
    );
    const again = await runCli(["build-dataset", "--cache", join(dir, "cache"), "--json"], dir);
    expect(again.json.stages["pose.estimate2d"]).toEqual({ run: 0, cached: 2, failed: 0 });
    expect(again.json.stages["ingest.decodeAudio"]).toEqual({ run: 0, cached: 2, failed: 0 });
  });
});
