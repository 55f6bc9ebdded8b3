import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createBuild, openStore } from "@choreo/core";
import { createNdArray, encodeNpy } from "@choreo/ingest";
import { joints24 } from "@choreo/motion";
import { syntheticAistppSequence } from "../test/syntheticAistpp.js";
import { exportBailandoStage } from "./bailandoExport.js";

/** A python3 with numpy: Debian's first (the one CI installs), then whatever is on PATH. */
function findNumpyPython(): string | undefined {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(exe, ["-c", "import numpy"]).status === 0) return exe;
  }
  return undefined;
}

const python = findNumpyPython();
const checkScript = fileURLToPath(new URL("../test/bailando_check.py", import.meta.url));
const seq = "gBR_sBM_cAll_d04_mBR0_ch01";

interface Check {
  id: string;
  keys: string[];
  music: [number[], string, boolean, boolean];
  dance: [number[], string, boolean, boolean];
  sameText: boolean;
}

// CI installs python3-numpy, so there the test always runs; elsewhere it needs a numpy.
describe.skipIf(python === undefined && process.env.CI === undefined)(
  "the bailando export read by Python",
  () => {
    it.each([
      ["train", 130, 130],
      ["test", 150, 130],
    ] as const)(
      "gives json + numpy choreo's %s features and joints exactly, as json.dump prints them",
      async (split, m, d) => {
        const store = openStore(mkdtempSync(join(tmpdir(), "bailando-py-")), { durable: false });
        const s = syntheticAistppSequence(store, { danceFrames: 130, musicFrames: 150 });
        const { sample } = await createBuild({ store }).run(exportBailandoStage, {
          item: seq,
          params: { id: seq, split },
          inputs: { smpl: s.smpl, music: s.music },
        });
        const dir = mkdtempSync(join(tmpdir(), "bailando-files-"));
        const dance = joints24({
          frames: 130,
          fps: 60,
          poses: s.poses,
          trans: s.trans,
          scaling: 93.5,
          convention: "aistpp",
        }).data;
        writeFileSync(
          join(dir, "music.npy"),
          encodeNpy(createNdArray("float32", [m, 438], s.features.slice(0, m * 438))),
        );
        writeFileSync(
          join(dir, "dance.npy"),
          encodeNpy(createNdArray("float32", [d, 72], dance.slice(0, d * 72))),
        );
        const out = JSON.parse(
          execFileSync(
            python!,
            [checkScript, store.blobPath(sample.digest), join(dir, "music.npy"), join(dir, "dance.npy")],
            {
              encoding: "utf8",
            },
          ),
        ) as Check;
        expect(out.id).toBe(seq);
        expect(out.keys).toEqual(["id", "music_array", "dance_array"]);
        expect(out.music).toEqual([[m, 438], "float64", true, true]);
        expect(out.dance).toEqual([[d, 72], "float64", true, true]);
        expect(out.sameText).toBe(true);
      },
    );
  },
);
