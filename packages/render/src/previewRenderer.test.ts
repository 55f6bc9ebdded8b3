import { describe, expect, it } from "vitest";
import { coco17, forwardKinematics, smpl24 } from "@choreo/motion";
import { createCamera } from "./camera.js";
import { createCanvas } from "./canvas.js";
import { boneColor, createPreviewRenderer, sideOf } from "./previewRenderer.js";
import { defaultPreviewStyle, type Joints3dMotion } from "./schema.js";

const size = 256;

/** A T-pose (all rotations zero) with a bent left elbow, root 1 m up: SMPL-24 joints by pose's FK. */
function knownPose(): Joints3dMotion {
  const rotations = new Float64Array(72);
  rotations[18 * 3 + 2] = 0.8; // left elbow about z
  rotations[5 * 3] = 0.6; // right knee about x
  const positionsM = forwardKinematics({ rotations, rootPositions: Float64Array.from([0, 1, 0]) });
  return { kind: "joints3d", skeleton: smpl24, fps: 30, frames: 1, positionsM };
}

function distanceToSegment(px: number, py: number, s: readonly number[]): number {
  const [x0, y0, x1, y1] = s as [number, number, number, number];
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2)) : 0;
  return Math.hypot(px - (x0 + dx * t), py - (y0 + dy * t));
}

describe("createPreviewRenderer", () => {
  it("draws every bone where FK and the camera put it, in its side's colour", () => {
    const motion = knownPose();
    const camera = createCamera({
      width: size,
      height: size,
      targetM: [0, 0.9, 0],
      distanceM: 3,
      elevationDeg: 0,
    });
    const renderer = createPreviewRenderer(motion, { width: size, height: size, camera });
    const canvas = createCanvas(size, size);
    renderer.renderFrame(0, canvas);
    const view = camera.at(0);
    const out = new Float64Array(3);
    const xy = Array.from({ length: 24 }, (_, j) => {
      const p = motion.positionsM;
      view.project(p[j * 3]!, p[j * 3 + 1]!, p[j * 3 + 2]!, out);
      return [out[0]!, out[1]!];
    });
    const segments = smpl24.edges.map(([a, b]) => ({
      b,
      s: [...xy[a]!, ...xy[b]!],
      color: boneColor(smpl24, b),
    }));
    const pixel = (x: number, y: number): number[] => [
      ...canvas.data.subarray((y * size + x) * 3, (y * size + x) * 3 + 3),
    ];
    const widthPx = Math.max(3, (defaultPreviewStyle.boneWidthPx * size) / 512);
    let checked = 0;
    for (const { s, color } of segments) {
      const [mx, my] = [(s[0]! + s[2]!) / 2, (s[1]! + s[3]!) / 2];
      const x = Math.floor(mx);
      const y = Math.floor(my);
      // skip midpoints another colour's bone also covers (the hips and collar bones meet there)
      const crowded = segments.some(
        (o) => o.color !== color && distanceToSegment(x + 0.5, y + 0.5, o.s) < widthPx * 1.5,
      );
      if (crowded) continue;
      checked++;
      // ±2 per channel: 8-bit rounding of a fully covered pixel
      pixel(x, y).forEach((v, c) => expect(Math.abs(v - color[c]!)).toBeLessThanOrEqual(2));
    }
    expect(checked).toBeGreaterThanOrEqual(18);
    // and nothing bone-coloured lies farther than half a bone width (+ the joint discs and 1 px of edge) from a bone
    const boneColors = [defaultPreviewStyle.left, defaultPreviewStyle.right, defaultPreviewStyle.centre];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const v = pixel(x, y);
        if (!boneColors.some((c) => c.every((cc, k) => Math.abs(cc - v[k]!) <= 2))) continue;
        if (y < 30 && x < 60) continue; // the frame-number label
        const d = Math.min(...segments.map((o) => distanceToSegment(x + 0.5, y + 0.5, o.s)));
        expect(d).toBeLessThanOrEqual(widthPx * 0.75 + 1.5);
      }
    }
  });

  it("letterboxes 2D keypoints from source pixels onto the frame", () => {
    const keypoints = new Float32Array(17 * 3).fill(NaN);
    keypoints.set([100, 100, 0.9], 5 * 3); // left shoulder
    keypoints.set([100, 300, 0.9], 11 * 3); // left hip
    const motion = {
      kind: "keypoints2d",
      skeleton: coco17,
      fps: 30,
      frames: 1,
      channels: 3,
      sourceWidth: 400,
      sourceHeight: 400,
      keypoints,
    } as const;
    const renderer = createPreviewRenderer(motion, { width: 200, height: 200 });
    const canvas = createCanvas(200, 200);
    renderer.renderFrame(0, canvas);
    // the shoulder→hip bone runs at x = 50 from y = 50 to 150 (scale 0.5)
    const at = (x: number, y: number): number[] => [
      ...canvas.data.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3),
    ];
    expect(at(50, 100)).toEqual([...defaultPreviewStyle.left]);
    expect(at(80, 100)).toEqual([...defaultPreviewStyle.background]);
  });
});

describe("sideOf", () => {
  it("reads sides from SMPL, COCO and BlazePose names", () => {
    expect(["lhip", "rwrist", "root", "left_heel", "right_eye_inner", "nose"].map(sideOf)).toEqual([
      "left",
      "right",
      "centre",
      "left",
      "right",
      "centre",
    ]);
  });
});
