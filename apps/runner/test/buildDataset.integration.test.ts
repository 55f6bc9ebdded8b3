import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runCli, startCli, workdir } from "./cli.js";

const small = { songs: 3, durationSec: 8 };

function build(dir: string, ...extra: string[]) {
  return runCli(["build-dataset", "--cache", join(dir, "cache"), "--json", ...extra], dir);
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name));
  } catch {
    return [];
  }
}

/** Every blob hashes to its name and every action entry parses and names blobs that exist. */
function assertStoreConsistent(cache: string): number {
  const blobs = listFiles(join(cache, "cas"));
  for (const file of blobs) {
    const hex = createHash("sha256").update(readFileSync(file)).digest("hex");
    expect(file.endsWith(hex), `${file} does not hash to its name`).toBe(true);
  }
  const entries = listFiles(join(cache, "ac"));
  for (const file of entries) {
    const entry = JSON.parse(readFileSync(file, "utf8")) as {
      outputs: Record<string, { digest: string } | { digest: string }[]>;
    };
    for (const out of Object.values(entry.outputs)) {
      for (const a of Array.isArray(out) ? out : [out])
        expect(blobs).toContain(join(cache, "cas/sha256", a.digest.slice(7, 9), a.digest.slice(7)));
    }
  }
  return entries.length;
}

describe("choreo build-dataset", () => {
  it("does no work on a rerun, and a changed window length reruns only windowing and what follows", async () => {
    const dir = workdir(small);
    const first = await build(dir);
    expect(first.code).toBe(0);
    expect(first.json.actions.failed).toBe(0);
    expect(first.json.actions.run).toBeGreaterThan(20);
    const again = await build(dir);
    expect(again.json.actions).toEqual({ run: 0, cached: first.json.actions.run, failed: 0 });
    expect(again.json.bytesWritten).toBe(0);
    expect(again.json.datasetDigest).toBe(first.json.datasetDigest);

    writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ demo: { ...small, windowSec: 4 } }));
    const changed = await build(dir);
    const ran = Object.fromEntries(Object.entries(changed.json.stages).map(([stage, c]) => [stage, c.run]));
    // 8 s at 30 fps: windows of 4 s every 2.5 s → 2 per song.
    expect(ran).toEqual({
      "demo.synthMusic": 0,
      "demo.synthLyrics": 0,
      "demo.synthMotion": 0,
      "demo.musicFeatures": 0,
      "demo.lyricFeatures": 0,
      "demo.windows": 3,
      "demo.cutWindow": 6,
      "dataset.stats": 1,
      "dataset.shard": 3,
      "dataset.manifest": 1,
      "render.report": 1,
    });
    expect(changed.json.datasetDigest).not.toBe(first.json.datasetDigest);
  });

  it("gives the same dataset digest and files when built twice from scratch", async () => {
    const [a, b] = [workdir(small), workdir(small)];
    const ra = await build(a);
    const rb = await build(b, "--jobs", "1", "--no-threads");
    expect(ra.json.datasetDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rb.json.datasetDigest).toBe(ra.json.datasetDigest);
    for (const name of ["manifest.json", "card.md", "train-00000.safetensors"]) {
      expect(readFileSync(join(rb.json.out, name))).toEqual(readFileSync(join(ra.json.out, name)));
    }
  });

  it("after kill -9 halfway, a rerun completes, recomputes nothing finished, and no blob is corrupt", async () => {
    const config = { songs: 8, durationSec: 12 };
    const reference = await build(workdir(config));
    const total = reference.json.actions.run;
    const dir = workdir(config);
    const child = startCli(["build-dataset", "--cache", join(dir, "cache"), "--jobs", "2"], dir);
    for (let i = 0; i < 6000 && listFiles(join(dir, "cache", "ac")).length < 15; i++) await sleep(10);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    const finished = assertStoreConsistent(join(dir, "cache"));
    expect(finished).toBeGreaterThanOrEqual(15);
    expect(finished).toBeLessThan(total);
    const rerun = await build(dir);
    expect(rerun.code).toBe(0);
    expect(rerun.json.actions).toEqual({ run: total - finished, cached: finished, failed: 0 });
    expect(rerun.json.datasetDigest).toBe(reference.json.datasetDigest);
    assertStoreConsistent(join(dir, "cache"));
  });

  it("lets two builds share one cache at once without running any action twice", async () => {
    const config = { songs: 6, durationSec: 12 };
    const dir = workdir(config);
    const [a, b] = await Promise.all([build(dir), build(dir)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.json.datasetDigest).toBe(b.json.datasetDigest);
    const total = a.json.actions.run + a.json.actions.cached;
    expect(a.json.actions.run + b.json.actions.run).toBe(total);
    expect(listFiles(join(dir, "cache", "ac"))).toHaveLength(total);
  });

  it("with --keep-going, builds every other item and names the failed one in a table", async () => {
    const dir = workdir({ ...small, audio: { song01: "broken.wav" } });
    writeFileSync(join(dir, "broken.wav"), "RIFF....WAVEjunk");
    const r = await build(dir, "--keep-going");
    expect(r.code).toBe(1);
    expect(r.json.failures).toEqual([
      {
        item: "song01",
        stage: "demo.musicFeatures",
        cause: "InvalidFormat",
        message: expect.stringContaining("broken.wav"),
      },
    ]);
    expect(r.stderr).toMatch(/song01\s+demo\.musicFeatures\s+InvalidFormat/);
    expect(r.json.stages["demo.cutWindow"]!.run).toBe(4); // the two good songs, 2 windows each
    expect(r.json.stages["dataset.manifest"]!.run).toBe(1);
    expect(r.json.datasetDigest).not.toBeNull();
  });

  it("without --keep-going, stops at the failure with the store consistent", async () => {
    const dir = workdir({ ...small, audio: { song00: "broken.wav" } });
    writeFileSync(join(dir, "broken.wav"), "not a wav at all");
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.json.failures.map((f) => [f.item, f.stage, f.cause])).toEqual([
      ["song00", "demo.musicFeatures", "InvalidFormat"],
    ]);
    expect(r.json.stages["dataset.manifest"]).toBeUndefined();
    expect(r.json.datasetDigest).toBeNull();
    assertStoreConsistent(join(dir, "cache"));
  });

  it("reports FRESH after a build and STALE with the reason after a change, without running anything", async () => {
    const dir = workdir(small);
    await build(dir);
    const fresh = await runCli(["status", "--cache", join(dir, "cache"), "--json"], dir);
    const rows = (JSON.parse(fresh.stdout) as { statuses: { state: string }[] }).statuses;
    expect(rows.every((s) => s.state === "FRESH")).toBe(true);
    writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ demo: { ...small, strideSec: 2 } }));
    const stale = await runCli(["status", "--cache", join(dir, "cache"), "--json"], dir);
    const after = (
      JSON.parse(stale.stdout) as {
        statuses: { stage: string; item: string; state: string; reason?: string }[];
      }
    ).statuses;
    expect(after).toContainEqual({ stage: "demo.windows", item: "song00", state: "STALE", reason: "params" });
    expect(after).toContainEqual({ stage: "demo.synthMusic", item: "song00", state: "FRESH" });
    expect(after).toContainEqual({
      stage: "dataset.manifest",
      item: "demo",
      state: "STALE",
      reason: "input",
    });
    const entries = listFiles(join(dir, "cache", "ac")).length;
    expect(entries).toBe(rows.length);
  });
});
