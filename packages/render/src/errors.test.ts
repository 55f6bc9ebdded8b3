import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "@choreo/ingest";
import { smpl24 } from "@choreo/motion";
import { formatBvh } from "./bvh.js";
import { encodePreview } from "./encodePreview.js";
import { isRenderError } from "./errors.js";
import { createPreviewRenderer } from "./previewRenderer.js";
import { readRenderInput } from "./renderInput.js";
import type { EulerOrder } from "./schema.js";

describe("render errors", () => {
  it("refuses an unknown Euler order with InvalidRenderOption", () => {
    const seq = {
      frames: 1,
      fps: 30,
      poses: new Float32Array(72),
      trans: new Float32Array(3),
      scaling: 1,
      convention: "aistpp",
    } as const;
    expect(() => formatBvh(seq, { eulerOrder: "XYX" as EulerOrder })).toThrow(
      expect.objectContaining({ _tag: "InvalidRenderOption" }),
    );
  });

  it("refuses odd frame sizes with EncodeFailed before starting ffmpeg", async () => {
    const motion = {
      kind: "joints3d",
      skeleton: smpl24,
      fps: 30,
      frames: 1,
      positionsM: new Float32Array(72),
    } as const;
    const error: unknown = await encodePreview(createPreviewRenderer(motion, { width: 101, height: 100 }), {
      out: "x.mp4",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ _tag: "EncodeFailed" });
    expect(isRenderError(error)).toBe(true);
  });

  it("names unreadable inputs and dataset folders without a manifest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "render-errors-"));
    try {
      await expect(readRenderInput(join(dir, "missing.json"))).rejects.toMatchObject({
        _tag: "UnsupportedRenderInput",
      });
      await expect(readRenderInput(dir, { item: "a" })).rejects.toMatchObject({ _tag: "InvalidManifest" });
      await writeFile(
        join(dir, "odd.npy"),
        encodeNpy({ dtype: "float32", shape: [2, 5], data: new Float32Array(10) }),
      );
      await expect(readRenderInput(join(dir, "odd.npy"))).rejects.toMatchObject({
        _tag: "UnsupportedMotion",
      }); // motion's tag: it interprets .npy motion
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
