// Store integrity end to end through the CLI (issue 13, finding 1): a damaged cached blob is found by
// status and verify, rerun by the next build (which says so) and never copied into the dataset.
import { chmodSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, workdir } from "../cli.js";

const small = { songs: 2, durationSec: 6 };

function blobPath(cache: string, digest: string): string {
  return join(cache, "cas/sha256", digest.slice(7, 9), digest.slice(7));
}

function flip(path: string): void {
  chmodSync(path, 0o644);
  const bytes = readFileSync(path);
  bytes[bytes.length >> 1]! ^= 1;
  writeFileSync(path, bytes);
}

describe("choreo verify / a damaged cache", () => {
  it("finds a bit-flipped manifest blob, rebuilds it with one CORRUPT line and writes the good dataset", async () => {
    const dir = workdir(small);
    const cache = join(dir, "cache");
    const out = join(dir, "out");
    const first = await runCli(["build-dataset", "--cache", cache, "--out", out, "--json"], dir);
    expect(first.code).toBe(0);
    const digest = first.json.datasetDigest!;
    const good = readFileSync(join(out, "manifest.json"));
    flip(blobPath(cache, digest));

    const status = await runCli(["status", "--cache", cache, "--json"], dir);
    expect(status.stdout).toContain('"reason":"corrupt"');
    const check = await runCli(["verify", "--cache", cache], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`BAD ${digest} (mismatch)`);

    const again = await runCli(["build-dataset", "--cache", cache, "--out", out, "--json"], dir);
    expect(again.code).toBe(0);
    expect(again.stderr.match(/^CORRUPT /gm)).toHaveLength(1);
    expect(again.json.actions.run).toBeGreaterThan(0);
    expect(again.json.datasetDigest).toBe(digest);
    expect(readFileSync(join(out, "manifest.json")).equals(good)).toBe(true);
    expect((await runCli(["verify", out], dir)).code).toBe(0);
    expect((await runCli(["verify", "--cache", cache], dir)).code).toBe(0);
  });

  it("rebuilds past a truncated shard blob instead of failing every later build, and repairs on request", async () => {
    const dir = workdir(small);
    const cache = join(dir, "cache");
    const out = join(dir, "out");
    expect((await runCli(["build-dataset", "--cache", cache, "--out", out], dir)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      splits: Record<string, { digest: string }>;
    };
    const shard = blobPath(cache, manifest.splits.train!.digest);
    const cut = (): void => {
      chmodSync(shard, 0o644);
      truncateSync(shard, 100);
    };
    cut();
    const rebuilt = await runCli(["build-dataset", "--cache", cache, "--out", out, "--json"], dir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.json.actions.run).toBe(1);

    cut();
    const repair = await runCli(["verify", "--repair", "--cache", cache, "--json"], dir);
    expect(repair.code).toBe(0);
    expect(JSON.parse(repair.stdout) as unknown).toMatchObject({
      badBlobs: [{ problem: "short" }],
      droppedActions: 1,
    });
    const again = await runCli(["build-dataset", "--cache", cache, "--out", out, "--json"], dir);
    expect(again.code).toBe(0);
    expect(again.json.actions.run).toBe(1);
    expect((await runCli(["verify", out], dir)).code).toBe(0);

    // Damaged in the dataset folder itself: verify names the shard.
    const file = join(out, "train-00000.safetensors");
    flip(file);
    const bad = await runCli(["verify", out], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("digest");
  });
});
