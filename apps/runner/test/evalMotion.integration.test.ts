import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "@choreo/ingest";
import { runCli } from "./cli.js";

/** metrics.md §14.1's motion, shifted by `k` frames so sets have spread: P[t][j][c] as (T, 72) float32. */
function motion(k: number, frames = 120): Float32Array {
  const data = new Float32Array(frames * 72);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < 24; j++) {
      for (let c = 0; c < 3; c++) {
        const u = t + k;
        data[(t * 24 + j) * 3 + c] =
          0.3 * Math.sin((0.07 * (u + 1) * (j + 1)) / 4 + c) + 0.05 * j * (c - 1) + (c === 0 ? 0.002 * u : 0);
      }
    }
  }
  return data;
}

function fixture(): { pred: string; gt: string; beats: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "eval-motion-"));
  const pred = join(dir, "pred");
  const gt = join(dir, "gt");
  mkdirSync(pred);
  mkdirSync(gt);
  for (let k = 0; k < 3; k++)
    writeFileSync(
      join(pred, `p${k}.npy`),
      encodeNpy({ dtype: "float32", shape: [120, 72], data: motion(k * 9) }),
    );
  for (let k = 0; k < 6; k++)
    writeFileSync(
      join(gt, `g${k}.npy`),
      encodeNpy({ dtype: "float32", shape: [120, 24, 3], data: motion(k * 5 + 2) }),
    );
  const beats = join(dir, "beats.json");
  writeFileSync(beats, JSON.stringify([10, 30, 50, 70, 90, 110]));
  return { pred, gt, beats, dir };
}

describe("choreo eval motion", () => {
  it("prints one JSON object with every metric and per-sequence values", async () => {
    const f = fixture();
    const r = await runCli(
      ["eval", "motion", "--pred", f.pred, "--gt", f.gt, "--music-beats", f.beats, "--json"],
      f.dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      per_sequence: Record<string, Record<string, number>>;
    };
    for (const m of ["bas-bailando", "bas-fact", "fid-k", "fid-g", "div-k", "div-g", "pfc"])
      expect(typeof out[m]).toBe("number");
    expect(Object.keys(out.per_sequence)).toEqual(["p0", "p1", "p2"]);
    // p0 is the §14.1 motion itself: its BAS is the golden (rtol 1e-6).
    expect(out.per_sequence["p0"]!["bas-bailando"]).toBeCloseTo(0.5214008727752398, 6);
  });

  it("writes a JSON + HTML report for a subset of metrics", async () => {
    const f = fixture();
    const report = join(f.dir, "report");
    const r = await runCli(
      ["eval", "motion", "--pred", f.pred, "--gt", f.gt, "--metrics", "fid-k,div-k", "--report", report],
      f.dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(report, "report.json"), "utf8")) as object)).toEqual([
      "fid-k",
      "div-k",
      "per_sequence",
      "warnings",
    ]);
    expect(readFileSync(join(report, "report.html"), "utf8")).toContain("<th>div-k</th>");
  });

  it("exits 2 on an unknown metric and 1 with the tag on a missing folder", async () => {
    const f = fixture();
    expect((await runCli(["eval", "motion", "--pred", f.pred, "--metrics", "fid-x"], f.dir)).code).toBe(2);
    const r = await runCli(["eval", "motion", "--pred", join(f.dir, "nope"), "--metrics", "pfc"], f.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("EvalInputMissing");
  });
});
