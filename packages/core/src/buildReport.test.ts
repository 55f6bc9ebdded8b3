import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { BuildSummary } from "./build.js";
import {
  buildSummaryJson,
  createProgressDisplay,
  formatStatusTable,
  formatStoreVerification,
  formatSummary,
} from "./buildReport.js";
import { ActionFailed, InvalidArtifact } from "./errors.js";
import { parseSize } from "./gc.js";
import type { StoreVerification } from "./verifyStore.js";

const failure = new ActionFailed("demo.window", "song1/w0", new InvalidArtifact("x.json", "not JSON"));
const summary: BuildSummary = {
  run: 3,
  cached: 5,
  failed: 1,
  cancelled: 0,
  byStage: { "demo.window": { run: 3, cached: 5, failed: 1 } },
  failures: [failure],
  actions: {},
  statuses: [],
};

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { out, text: () => text };
}

describe("build report", () => {
  it("summarises counts and tabulates each failure by item, stage and tagged cause", () => {
    const text = formatSummary(summary, 1.5);
    expect(text).toMatch(/^3 actions run, 5 cached, 1 failed in 1\.50 s\n/);
    expect(text).toMatch(/song1\/w0\s+demo\.window\s+InvalidArtifact: \[core\] artifact x\.json: not JSON/);
  });

  it("writes the --json line with the failure's cause tag", () => {
    const line = buildSummaryJson(summary, {
      recipe: "demo",
      out: "/d",
      datasetDigest: null,
      bytesWritten: 10,
      seconds: 1.23456,
    });
    const json = JSON.parse(line) as Record<string, unknown>;
    expect(json).toMatchObject({ recipe: "demo", actions: { run: 3, cached: 5, failed: 1 }, seconds: 1.235 });
    expect(json.failures).toEqual([
      { item: "song1/w0", stage: "demo.window", cause: "InvalidArtifact", message: failure.message },
    ]);
  });

  it("logs one line per stage when it completes, failures at once, and CORRUPT even when quiet", () => {
    const plain = capture();
    const p = createProgressDisplay(plain.out, { tty: false, quiet: false });
    const base = { stage: "s", key: "k" };
    for (const item of ["a", "b"]) p.onEvent({ ...base, item, type: "scheduled" });
    p.onEvent({ ...base, item: "a", type: "failed", error: "boom" });
    p.onEvent({ ...base, item: "b", type: "cached" });
    p.stop();
    expect(plain.text()).toMatch(/^FAILED s a: boom\ns\s+2\/2\s+1 cached 1 failed/);
    const quiet = capture();
    const q = createProgressDisplay(quiet.out, { tty: false, quiet: true });
    q.onEvent({ ...base, item: "a", type: "scheduled" });
    q.onEvent({ ...base, item: "a", type: "corrupt", digest: "d1", problem: "mismatch" });
    expect(quiet.text()).toBe("CORRUPT s a: cached blob d1 is damaged (digest mismatch); rerunning\n");
  });

  it("tabulates status per stage and lists what is not FRESH", () => {
    const text = formatStatusTable(
      [
        { stage: "s", item: "a", state: "FRESH" },
        { stage: "s", item: "b", state: "STALE", reason: "params" },
      ],
      false,
    );
    expect(text).toMatch(/s\s+1\s+1\s+0\n\n {2}STALE {3}s b \(params\)\n$/);
    expect(formatStatusTable([], false)).toContain("(nothing built yet)");
  });

  it("says what verify found and what to do next", () => {
    const v: StoreVerification = {
      blobs: 4,
      actions: 2,
      badBlobs: [{ digest: "sha256:d1", problem: "mismatch" }],
      brokenActions: ["k"],
      repaired: false,
      droppedActions: 0,
      quarantined: 0,
    };
    const text = formatStoreVerification("/c", v);
    expect(text).toContain("cache /c: 4 blobs, 2 action entries checked; 1 bad blobs, 1 broken entries");
    expect(text).toContain("run choreo verify --repair");
  });

  it("reads size caps in binary units and refuses anything else", () => {
    expect(parseSize("10G")).toBe(10 * 1024 ** 3);
    expect(parseSize("1.5MiB")).toBe(Math.floor(1.5 * 1024 ** 2));
    expect(parseSize("1024")).toBe(1024);
    expect(() => parseSize("ten")).toThrow(/cannot read size "ten"/);
  });
});
