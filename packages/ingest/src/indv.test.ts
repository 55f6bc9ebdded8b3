import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  genreCodeOfFileName,
  genreOfClip,
  keypointsPathOf,
  listIndvClips,
  readGenreLabels,
  readIndvGenreManifest,
  readIndvVideoList,
  readKeypointsClip,
} from "./indv.js";

const root = fileURLToPath(new URL("../test/fixtures/indv", import.meta.url));
const raw = fileURLToPath(new URL("../test/fixtures/indv_raw", import.meta.url));

describe("listIndvClips", () => {
  it("pairs each audio clip with its keypoints clip, sorted by id", async () => {
    const clips = await listIndvClips(root);
    expect(clips.map((c) => c.id)).toEqual([
      "Ballet/clip_000",
      "Ballet/clip_001",
      "Latin/clip_002",
      "Waacking/clip_000",
    ]);
    expect(clips[0]).toEqual({
      id: "Ballet/clip_000",
      subdir: "Ballet",
      clip: "clip_000",
      audioPath: join(root, "audio_clips/Ballet/clip_000.wav"),
      keypointsPath: join(root, "keypoints_clips/Ballet/clip_000.pkl"),
    });
    expect(clips[2]?.keypointsPath).toBeUndefined();
    expect(keypointsPathOf(clips[0]!.audioPath)).toBe(clips[0]!.keypointsPath);
  });

  it("reports a root without audio_clips as MissingSource", async () => {
    await expect(listIndvClips(raw)).rejects.toMatchObject({ _tag: "MissingSource" });
  });
});

describe("readKeypointsClip", () => {
  it("reads a (T, 17, 3) clip as float32, from float32 or float64 pickles", async () => {
    const [a, b] = await Promise.all([
      readKeypointsClip(join(root, "keypoints_clips/Ballet/clip_000.pkl")),
      readKeypointsClip(join(root, "keypoints_clips/Ballet/clip_001.pkl")),
    ]);
    if (!a.ok || !b.ok) throw new Error("read failed");
    expect(a.value.shape).toEqual([5, 17, 3]);
    expect(a.value.data[254]).toBe(Math.fround(254 / 7));
    expect(b.value.dtype).toBe("float32");
    expect(b.value.data[7]).toBe(Math.fround(7 / 7 + 1));
  });

  it("returns ShapeMismatch for (T, 17, 2) keypoints", async () => {
    const result = await readKeypointsClip(join(root, "keypoints_clips/Waacking/clip_000.pkl"));
    expect(!result.ok && result.error._tag).toBe("ShapeMismatch");
  });
});

describe("readGenreLabels", () => {
  it("reads genre.npy's one-hot rows and finds clips by exact path or path suffix", async () => {
    const labels = await readGenreLabels(root);
    expect(labels.classes).toBe(2);
    expect(labels.byPath.get("/data/InDV/audio_clips/Waacking/clip_000.wav")).toEqual({
      index: 1,
      oneHot: new Float32Array([0, 1]),
    });
    const clips = await listIndvClips(root);
    expect(clips.map((clip) => genreOfClip(labels, clip))).toEqual([0, 0, undefined, 1]);
    expect(genreOfClip(labels, { audioPath: "/data/InDV/audio_clips/Ballet/clip_001.wav", id: "x" })).toBe(0);
    expect(genreCodeOfFileName("gBR_sBM_c01_d04_mBR0_ch01_0.wav")).toBe("BR");
  });
});

describe("readIndvVideoList / readIndvGenreManifest", () => {
  it("reads video ids and sources, skipping comments and blanks", async () => {
    expect(await readIndvVideoList(join(raw, "video_list.txt"))).toEqual([
      { id: "ballet_01", source: "https://example.org/v/ballet_01.mp4" },
      { id: "waacking_07", source: "videos/waacking_07.mp4" },
    ]);
  });

  it("reads the same manifest from JSON and CSV", async () => {
    const want = new Map([
      ["ballet_01", "Ballet"],
      ["waacking_07", "Waacking"],
    ]);
    expect(await readIndvGenreManifest(join(raw, "genres.json"))).toEqual(want);
    expect(await readIndvGenreManifest(join(raw, "genres.csv"))).toEqual(want);
  });

  it("reports a manifest that is not a genre table as InvalidFormat", async () => {
    await expect(readIndvGenreManifest(join(raw, "video_list.txt"))).rejects.toMatchObject({
      _tag: "InvalidFormat",
    });
  });
});
