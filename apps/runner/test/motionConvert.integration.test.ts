import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNpy } from "@choreo/ingest";
import { runCli } from "./cli.js";

const panini = fileURLToPath(
  new URL("../../../packages/motion/test/fixtures/panini_smplfull.json", import.meta.url),
);
const aistpp = fileURLToPath(
  new URL(
    "../../../packages/ingest/test/fixtures/aistpp/motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl",
    import.meta.url,
  ),
);

describe("choreo motion convert", () => {
  const dir = mkdtempSync(join(tmpdir(), "choreo-motion-"));

  it("writes edge151 of EasyMocap JSON as a (T, 151) float32 .npy matching the motion goldens", async () => {
    const out = join(dir, "edge.npy");
    const result = await runCli(["motion", "convert", panini, "--to", "edge151", "--out", out], dir);
    expect(result.code).toBe(0);
    const array = parseNpy(readFileSync(out));
    expect(array).toMatchObject({ dtype: "float32", shape: [30, 151] });
    const golden = JSON.parse(
      readFileSync(
        new URL("../../../packages/motion/test/fixtures/kinematics_expected.json", import.meta.url),
        "utf8",
      ),
    ) as { edge151: number[][] };
    // 1e-5: float32 output of float64 math
    const flat = golden.edge151.flat();
    const data = array.data as Float32Array;
    expect(Math.max(...flat.map((v, i) => Math.abs(v - data[i]!)))).toBeLessThan(1e-5);
  });

  it("converts an AIST++ pickle to joints24 (T, 24, 3) and round-trips it through .npy to fact219", async () => {
    const joints = join(dir, "joints.npy");
    expect((await runCli(["motion", "convert", aistpp, "--to", "joints24", "--out", joints], dir)).code).toBe(
      0,
    );
    expect(parseNpy(readFileSync(joints))).toMatchObject({ shape: [4, 24, 3] });
    const result = await runCli(["motion", "convert", joints, "--to", "fact219"], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ shape: [4, 219], dtype: "float32" });
  });

  it("exits 2 on a bad --to and 1 with the tag on an unreadable motion", async () => {
    expect((await runCli(["motion", "convert", panini, "--to", "bvh"], dir)).code).toBe(2);
    const bad = await runCli(["motion", "convert", join(dir, "missing.npy"), "--to", "smpl78"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("UnsupportedMotion");
  });
});
