import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeSafetensors } from "@choreo/core";
import { encodeNpy } from "@choreo/ingest";
import { evaluateMotion } from "./evaluateMotion.js";
import { createJointSequence, type JointSequence } from "./jointSequence.js";
import { loadMotionDir, loadMotionFile } from "./loadMotion.js";
import { loadMusicBeats } from "./musicBeats.js";
import { evaluationJson, writeEvaluationReport } from "./report.js";
import type { EvalWarning } from "./warnings.js";
import { goldenMotion, goldenMusicBeats, relErr } from "../test/goldenInputs.js";

/** The golden motion with a phase shift, so sets have spread. */
function variant(k: number, frames = 120): JointSequence {
  const base = goldenMotion(frames + k * 7);
  return createJointSequence(base.data.slice(k * 7 * 72));
}

describe("evaluateMotion", () => {
  it("gives per-sequence BAS equal to the single-sequence golden", () => {
    const r = evaluateMotion({
      pred: [{ name: "a", motion: goldenMotion() }],
      musicBeats: { all: goldenMusicBeats, bySequence: new Map() },
      options: { metrics: ["bas-bailando", "bas-fact", "pfc"], fps: 60 },
    });
    expect(relErr(r.metrics["bas-bailando"]!, 0.5214008727752398)).toBeLessThan(1e-6);
    expect(relErr(r.metrics["bas-fact"]!, 0.3311939537525177)).toBeLessThan(1e-6);
    expect(relErr(r.perSequence["a"]!.pfc!, 16.35570461724856)).toBeLessThan(1e-9);
  });

  it("computes finite FID/Div between two sets and ~0 FID for a set against itself", () => {
    const gt = Array.from({ length: 8 }, (_, k) => ({ name: `g${k}`, motion: variant(k) }));
    const pred = Array.from({ length: 5 }, (_, k) => ({ name: `p${k}`, motion: variant(k + 3) }));
    const r = evaluateMotion({ pred, gt, options: { metrics: ["fid-k", "div-k", "div-g", "div-k-gt"] } });
    expect(Number.isFinite(r.metrics["fid-k"])).toBe(true);
    expect(r.metrics["div-k"]!).toBeGreaterThan(0);
    const self = evaluateMotion({ pred: gt, gt, options: { metrics: ["fid-k"] } });
    expect(Math.abs(self.metrics["fid-k"]!)).toBeLessThan(1e-3);
  });

  it("reports NaN with warnings instead of throwing on degenerate sequences", () => {
    const warnings: EvalWarning[] = [];
    const flat = createJointSequence(new Float32Array(30 * 72));
    const nan = goldenMotion();
    nan.data[10] = NaN;
    const r = evaluateMotion({
      pred: [
        { name: "flat", motion: flat },
        { name: "nan", motion: nan },
        { name: "short", motion: createJointSequence(new Float32Array(2 * 72)) },
      ],
      musicBeats: { bySequence: new Map() },
      options: { metrics: ["bas-bailando", "pfc"] },
      warn: (w) => warnings.push(w),
    });
    expect(r.metrics["bas-bailando"]).toBeNaN();
    expect(r.metrics.pfc).toBeNaN();
    expect(new Set(warnings.map((w) => w.code))).toEqual(
      new Set(["non-finite-input", "no-music-beats", "constant-motion", "too-short"]),
    );
    expect(evaluationJson(r)["bas-bailando"]).toBeNull();
  });

  it("throws InvalidMetricOption when FID has no ground truth", () => {
    expect(() =>
      evaluateMotion({ pred: [{ name: "a", motion: goldenMotion() }], options: { metrics: ["fid-k"] } }),
    ).toThrow(expect.objectContaining({ _tag: "InvalidMetricOption" }));
  });
});

describe("loadMotionFile", () => {
  it("reads .npy (T,72) and (T,24,3), and stacked safetensors shards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-eval-"));
    const m = goldenMotion();
    writeFileSync(join(dir, "a.npy"), encodeNpy({ dtype: "float32", shape: [120, 72], data: m.data }));
    writeFileSync(
      join(dir, "b.npy"),
      encodeNpy({ dtype: "float64", shape: [120, 24, 3], data: Float64Array.from(m.data) }),
    );
    const stacked = new Float32Array(2 * m.data.length);
    stacked.set(m.data);
    stacked.set(m.data, m.data.length);
    writeFileSync(
      join(dir, "c.safetensors"),
      encodeSafetensors({ joints: { dtype: "F32", shape: [2, 120, 24, 3], data: stacked } }, {}),
    );
    writeFileSync(join(dir, "notes.txt"), "ignored");
    const all = await loadMotionDir(dir);
    expect(all.map((x) => x.name)).toEqual(["a", "b", "c/0", "c/1"]);
    for (const x of all) expect(x.motion.data).toEqual(m.data);
  });

  it("rejects wrong shapes and SMPL poses without translation with tagged errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-eval-"));
    writeFileSync(
      join(dir, "bad.npy"),
      encodeNpy({ dtype: "float32", shape: [10, 5], data: new Float32Array(50) }),
    );
    await expect(loadMotionFile(join(dir, "bad.npy"))).rejects.toMatchObject({ _tag: "InvalidMotionInput" });
    writeFileSync(
      join(dir, "p.safetensors"),
      encodeSafetensors({ smpl_poses: { dtype: "F32", shape: [4, 72], data: new Float32Array(288) } }, {}),
    );
    await expect(loadMotionFile(join(dir, "p.safetensors"))).rejects.toMatchObject({
      _tag: "InvalidMotionInput",
    });
    await expect(loadMotionDir(join(dir, "missing"))).rejects.toMatchObject({ _tag: "EvalInputMissing" });
  });
});

describe("loadMotionFile with SMPL poses", () => {
  it("runs forward kinematics on smpl_poses + smpl_trans / smpl_scaling", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-eval-"));
    const trans = Float32Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 0.2 * Math.floor(i / 3) : 1));
    const tensors = {
      smpl_poses: { dtype: "F32" as const, shape: [4, 72], data: new Float32Array(288) },
      smpl_trans: { dtype: "F32" as const, shape: [4, 3], data: trans },
      smpl_scaling: { dtype: "F32" as const, shape: [1], data: Float32Array.of(2) },
    };
    writeFileSync(join(dir, "m.safetensors"), encodeSafetensors(tensors, {}));
    const [m] = await loadMotionFile(join(dir, "m.safetensors"));
    expect(m!.motion.frames).toBe(4);
    // Zero rotations: the root sits at trans / scaling.
    expect(Array.from(m!.motion.data.subarray(3 * 72, 3 * 72 + 3))).toEqual([
      Math.fround(Math.fround(0.6) / 2),
      0.5,
      0.5,
    ]);
  });
});

describe("loadMusicBeats", () => {
  it("reads frame lists, one-hots and per-sequence JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-eval-"));
    writeFileSync(join(dir, "list.json"), JSON.stringify([10, 30]));
    writeFileSync(join(dir, "by.json"), JSON.stringify({ a: [0, 1, 0, 1] }));
    const onehot = new Float32Array(40);
    onehot[5] = 1;
    writeFileSync(join(dir, "hot.npy"), encodeNpy({ dtype: "float32", shape: [40], data: onehot }));
    expect((await loadMusicBeats(join(dir, "list.json"))).all).toEqual([10, 30]);
    expect((await loadMusicBeats(join(dir, "by.json"))).bySequence.get("a")).toEqual([1, 3]);
    expect((await loadMusicBeats(join(dir, "hot.npy"))).all).toEqual([5]);
  });
});

describe("writeEvaluationReport", () => {
  it("writes report.json and an HTML table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-eval-"));
    await writeEvaluationReport(dir, {
      metrics: { "fid-k": 1.5, pfc: NaN },
      perSequence: { a: { pfc: NaN } },
    });
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8"))).toMatchObject({
      "fid-k": 1.5,
      pfc: null,
      per_sequence: { a: { pfc: null } },
    });
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("<th>fid-k</th><td>1.500000</td>");
  });
});
