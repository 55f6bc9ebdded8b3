import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { fetchTitle, fetchVideo, isRemote } from "./download.js";
import {
  listReleaseSongs,
  parseSongManifest,
  parseUrlManifest,
  readManifest,
  songFolderName,
} from "./justlmd.js";

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../test/fixtures/justlmd/${name}`, import.meta.url));

describe("parseUrlManifest", () => {
  it("reads [url, crop] pairs and plain urls (crop full)", async () => {
    expect(await readManifest(fixture("JD2099_url.json"))).toEqual([
      { url: "https://www.youtube.com/watch?v=xxxxxxxxxxx", crop: "full" },
      { url: "https://www.youtube.com/watch?v=yyyyyyyyyyy", crop: "left" },
      { url: "file:///tmp/local-video.mp4", crop: "full" },
    ]);
  });

  it("fails with InvalidFormat on an unknown crop", () => {
    expect(() => parseUrlManifest('{"urls": [["u", "top"]]}')).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }) as Error,
    );
  });
});

describe("parseSongManifest", () => {
  it("reads songs and skips the urls key", async () => {
    expect(await readManifest(fixture("JD2099.json"))).toEqual([
      { song: "TestSongJustDance2099", url: "https://www.youtube.com/watch?v=xxxxxxxxxxx", crop: "center" },
      { song: "OtherSong", url: "https://www.youtube.com/watch?v=yyyyyyyyyyy", crop: "right" },
    ]);
    expect(() => parseSongManifest("[]")).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }) as Error,
    );
  });

  it("refuses a song key that would escape the videos folder", () => {
    for (const key of ["../../nm/ESCAPED", "a/b", "..", "/abs"]) {
      const text = JSON.stringify({ [key]: ["https://www.youtube.com/watch?v=x", "full"] });
      expect(() => parseSongManifest(text, "JD2099.json")).toThrow(
        expect.objectContaining({ _tag: "UnsafePathSegment", value: key }) as Error,
      );
    }
  });

  it("names the file for invalid and 200k-deep JSON", () => {
    expect(() => parseSongManifest("{", "JD2099.json")).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat", file: "JD2099.json" }) as Error,
    );
    const deep = `{"s": ${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    expect(() => parseSongManifest(deep, "JD2099.json")).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat", file: "JD2099.json" }) as Error,
    );
  });

  it("refuses a FIFO as the manifest instead of blocking on it", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "jd-")), "JD2099.json");
    execFileSync("mkfifo", [path]);
    await expect(readManifest(path)).rejects.toMatchObject({ _tag: "NotRegularFile" });
  });
});

describe("songFolderName", () => {
  it("removes non-word characters as re.sub(r'\\W+', '', title)", () => {
    expect(songFolderName("Panini - Lil Nas X | Just Dance Unlimited")).toBe(
      "PaniniLilNasXJustDanceUnlimited",
    );
    expect(songFolderName("Run The World (Girls) by Beyoncé")).toBe("RunTheWorldGirlsbyBeyoncé");
    expect(songFolderName("a_b c!")).toBe("a_bc");
  });
});

describe("listReleaseSongs", () => {
  it("lists Songs_*/<song> folders and the release files they lack", async () => {
    const songs = await listReleaseSongs(fixture("."));
    expect(songs).toEqual([
      {
        collection: "Songs_2099",
        song: "TestSongJustDance2099",
        dir: fixture("Songs_2099/TestSongJustDance2099"),
        missing: ["audio.wav"],
      },
    ]);
  });
});

describe("fetchVideo", () => {
  it("copies local paths and file:// URLs without yt-dlp", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ingest-fetch-"));
    const src = join(dir, "src.mp4");
    await writeFile(src, "video bytes");
    await fetchVideo(pathToFileURL(src).href, join(dir, "song", "video.mp4"), { pathList: "" });
    expect(await readFile(join(dir, "song", "video.mp4"), "utf8")).toBe("video bytes");
    expect(await fetchTitle(src)).toBe("src");
    expect(isRemote("https://x")).toBe(true);
  });

  it("fails with DownloadFailed on a manifest URL that cannot be fetched", async () => {
    await expect(
      fetchVideo("file:///nonexistent/video.mp4", join(tmpdir(), "never.mp4")),
    ).rejects.toMatchObject({ _tag: "DownloadFailed" });
  });

  it("fails with ToolMissing on an http URL when yt-dlp is not installed", async () => {
    await expect(
      fetchVideo("https://www.youtube.com/watch?v=xxxxxxxxxxx", join(tmpdir(), "never.mp4"), {
        pathList: "",
      }),
    ).rejects.toMatchObject({
      _tag: "ToolMissing",
    });
  });

  it("fails with DownloadFailed when yt-dlp cannot reach the network", async () => {
    // an in-memory stand-in for yt-dlp at the process boundary: it fails like yt-dlp offline
    const dir = await mkdtemp(join(tmpdir(), "ingest-ytdlp-"));
    const fake = join(dir, "yt-dlp");
    await writeFile(
      fake,
      "#!/bin/sh\necho 'ERROR: Unable to download webpage: <urlopen error [Errno -3] Temporary failure in name resolution>' >&2\nexit 1\n",
    );
    await chmod(fake, 0o755);
    await expect(
      fetchVideo("https://www.youtube.com/watch?v=xxxxxxxxxxx", join(dir, "v.mp4"), { pathList: dir }),
    ).rejects.toMatchObject({
      _tag: "DownloadFailed",
      url: "https://www.youtube.com/watch?v=xxxxxxxxxxx",
    });
  });
});
