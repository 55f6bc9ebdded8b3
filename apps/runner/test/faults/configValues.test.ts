// Config values and caches a build cannot use (issue 13, findings 7 and 8): each is one tagged line naming the
// file, the field or path, the bad value and what is allowed, exit 2 for a bad config value and 1 for data or
// an unusable cache — and the dataset already built and the cache stay whole.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, workdir } from "../cli.js";
import { expectIntact } from "./intact.js";

const small = { songs: 2, durationSec: 6 };
let dir: string;
let cache: string;
let out: string;

beforeAll(async () => {
  dir = workdir(small);
  cache = join(dir, "cache");
  out = join(dir, "out");
  const built = await runCli(["build-dataset", "--cache", cache, "--out", out, "--quiet"], dir);
  expect(built.code, built.stderr).toBe(0);
}, 240_000);

/** Builds with `demo` settings over the small ones into the same cache and folder. */
async function buildWith(demo: Record<string, unknown>) {
  writeFileSync(join(dir, "bad.json"), JSON.stringify({ demo: { ...small, ...demo } }));
  return runCli(["build-dataset", "--config", "bad.json", "--cache", cache, "--out", out, "--quiet"], dir);
}

function oneLine(stderr: string, pattern: RegExp): void {
  expect(
    stderr.split("\n").filter((l) => pattern.test(l)),
    stderr,
  ).toHaveLength(1);
}

describe("build-dataset config values", () => {
  it.each([
    [
      { valFraction: 0.5, testFraction: 0.5 },
      "demo.testFraction: expected valFraction + testFraction < 1 (songs must be left to train on), got 1",
    ],
    [{ windowSec: 30 }, "demo.windowSec: expected at most durationSec (6), or no song has a window, got 30"],
    [
      { audio: { song09: "a.wav" } },
      'demo.audio.song09: expected a song of this config (song00 to song01) as the key, got "song09"',
    ],
  ])("refuses %j with InvalidConfig naming the file and field, exit 2", async (demo, problem) => {
    const r = await buildWith(demo);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe(`InvalidConfig: [recipes] ${join(dir, "bad.json")}: ${problem}`);
    await expectIntact(dir, cache, out);
  });

  it("fails the song of a missing demo.audio WAV in the failure table, not with a raw ENOENT and 0 failed", async () => {
    const r = await buildWith({ audio: { song01: "missing.wav" } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^0 actions run, \d+ cached, 1 failed/m);
    oneLine(
      r.stderr,
      /^song01 +demo\.source +MissingSource: \[ingest\] missing\.wav: not found \(demo\.audio\)$/,
    );
    expect(r.stderr).not.toContain("ENOENT");
    await expectIntact(dir, cache, out);
  });

  it("refuses a build whose split leaves no train windows (EmptyDataset, exit 1)", async () => {
    const r = await buildWith({ valFraction: 0.4, testFraction: 0.4 });
    expect(r.code, r.stderr).toBe(1);
    oneLine(r.stderr, /^EmptyDataset: \[recipes\] dataset demo: no train windows \(train 0, val 1, test 1\)/);
    await expectIntact(dir, cache, out);
  });
});

describe("an unusable cache", () => {
  it("names the cache path when it is a file (EEXIST/ENOTDIR), exit 1", async () => {
    const file = join(dir, "cache-file");
    writeFileSync(file, "not a folder");
    const r = await runCli(["build-dataset", "--cache", file, "--out", join(dir, "never"), "--quiet"], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trim()).toMatch(
      new RegExp(
        `^StoreUnwritable: \\[core\\] cache ${file}(/\\S+)?: a file is in the way where a folder should be \\((EEXIST|ENOTDIR)\\)`,
      ),
    );
  });

  it("names the ref when a folder stands where the build writes it (EISDIR), and keeps the dataset", async () => {
    const other = mkdtempSync(join(tmpdir(), "choreo-cache-"));
    mkdirSync(join(other, "refs", "demo", "latest", "x"), { recursive: true });
    const r = await runCli(["build-dataset", "--cache", other, "--out", out, "--quiet"], dir);
    expect(r.code, r.stderr).toBe(1);
    oneLine(
      r.stderr,
      /^StoreUnwritable: \[core\] cache \S+refs\/demo\/latest: a folder is in the way where a file should be \(EISDIR\)/,
    );
    await expectIntact(dir, cache, out);
  });

  it.skipIf(!canMountReadOnly())("names a read-only cache (EROFS), exit 1", async () => {
    const ro = mkdtempSync(join(tmpdir(), "choreo-rocache-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro", "tmpfs", ro]);
    try {
      const r = await runCli(["build-dataset", "--cache", ro, "--out", join(dir, "never"), "--quiet"], dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trim()).toMatch(
        /^StoreUnwritable: \[core\] cache \S+: on a read-only file system \(EROFS\)/,
      );
    } finally {
      execFileSync("umount", [ro]);
    }
  });

  it.skipIf(process.getuid?.() === 0)("names a cache without write permission (EACCES), exit 1", async () => {
    const locked = mkdtempSync(join(tmpdir(), "choreo-lockedcache-"));
    execFileSync("chmod", ["555", locked]);
    const r = await runCli(["build-dataset", "--cache", join(locked, "c"), "--out", join(dir, "never")], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^StoreUnwritable: \[core\] cache \S+: not writable \(EACCES: permission denied\)/,
    );
  });
});

/** Mounting a read-only tmpfs needs root (CAP_SYS_ADMIN); elsewhere the EROFS case is skipped. */
function canMountReadOnly(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), "choreo-roprobe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
