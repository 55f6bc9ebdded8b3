/**
 * Draws one preview frame of a motion into an RGB canvas: a ground grid under 3D joints seen by a fixed (or
 * orbiting) camera, or 2D keypoints scaled onto the frame (optionally over the source video's frame); bones
 * coloured by side, painted far to near; the frame number; a beat timeline with ticks. Frames are drawn into
 * a caller's buffer so a video encoder can reuse one allocation. It does not encode or decode video.
 */
import type { Skeleton } from "@choreo/motion";
import { fitCamera, type Camera, type CameraView } from "./camera.js";
import {
  clearCanvas,
  drawCapsule,
  drawDisc,
  drawText,
  fillRect,
  textWidth,
  type Canvas,
  type Rgb,
} from "./canvas.js";
import {
  defaultPreviewStyle,
  type Keypoints2dMotion,
  type PreviewMotion,
  type PreviewStyle,
} from "./schema.js";

/** Options of `createPreviewRenderer`. */
export interface PreviewRendererOptions {
  readonly width: number;
  readonly height: number;
  /** Camera for 3D motions; default: `fitCamera` over the whole sequence with the orbit/azimuth below. */
  readonly camera?: Camera;
  readonly orbitDegPerSec?: number;
  readonly azimuthDeg?: number;
  /** Beat times (seconds) for the timeline; none: no timeline. */
  readonly beatsSec?: readonly number[];
  readonly style?: Partial<PreviewStyle>;
  /** 2D keypoints under this score are not drawn (default 0.2). */
  readonly minScore?: number;
}

/** Renders frames of one motion. */
export interface PreviewRenderer {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /** Draws frame `index` into `canvas`; with `background` (RGB24 of the canvas size) drawn over it. */
  renderFrame(index: number, canvas: Canvas, background?: Uint8Array): void;
}

type Side = "left" | "right" | "centre";

const smplLeft = /^l(hip|knee|ankle|toes|inshoulder|shoulder|elbow|wrist|hand)$/;
const smplRight = /^r(hip|knee|ankle|toes|inshoulder|shoulder|elbow|wrist|hand)$/;

/** The side of the body a joint is on, from its name (SMPL `l…`/`r…`, COCO/BlazePose `left_…`/`right_…`). */
export function sideOf(name: string): Side {
  if (name.startsWith("left_") || smplLeft.test(name)) return "left";
  if (name.startsWith("right_") || smplRight.test(name)) return "right";
  return "centre";
}

/** The colour a bone [parent, child] is drawn in: its child joint's side. */
export function boneColor(skeleton: Skeleton, child: number, style: PreviewStyle = defaultPreviewStyle): Rgb {
  return style[sideOf(skeleton.joints[child] ?? "")];
}

interface Projected {
  readonly xy: Float64Array; // J×2 pixels
  readonly depth: Float64Array; // J, larger = farther; NaN = not drawn
}

/** Scale of pixels from 2D source to canvas (letterboxed, aspect kept). */
function letterbox(
  motion: Keypoints2dMotion,
  width: number,
  height: number,
): { scale: number; dx: number; dy: number } {
  const scale = Math.min(width / motion.sourceWidth, height / motion.sourceHeight);
  return {
    scale,
    dx: (width - motion.sourceWidth * scale) / 2,
    dy: (height - motion.sourceHeight * scale) / 2,
  };
}

function drawGrid(
  canvas: Canvas,
  view: CameraView,
  grid: { y: number; cx: number; cz: number; half: number },
  color: Rgb,
): void {
  const a = new Float64Array(3);
  const b = new Float64Array(3);
  const near = 0.05;
  const line = (x0: number, z0: number, x1: number, z1: number): void => {
    view.project(x0, grid.y, z0, a);
    view.project(x1, grid.y, z1, b);
    if (a[2]! < near && b[2]! < near) return;
    if (a[2]! < near || b[2]! < near) {
      // clip the end behind the camera to the near plane in world space, then reproject
      const t = (near - a[2]!) / (b[2]! - a[2]!);
      const xs = x0 + (x1 - x0) * t;
      const zs = z0 + (z1 - z0) * t;
      if (a[2]! < near) view.project(xs, grid.y, zs, a);
      else view.project(xs, grid.y, zs, b);
    }
    drawCapsule(canvas, [a[0]!, a[1]!, b[0]!, b[1]!], 1, color, 0.9);
  };
  const step = 0.5;
  for (let k = -grid.half; k <= grid.half + 1e-9; k += step) {
    line(grid.cx + k, grid.cz - grid.half, grid.cx + k, grid.cz + grid.half);
    line(grid.cx - grid.half, grid.cz + k, grid.cx + grid.half, grid.cz + k);
  }
}

function drawSkeleton(
  canvas: Canvas,
  skeleton: Skeleton,
  p: Projected,
  style: PreviewStyle,
  widthPx: number,
): void {
  const bones = skeleton.edges
    .filter(([a, b]) => !Number.isNaN(p.depth[a]!) && !Number.isNaN(p.depth[b]!))
    .map(([a, b]) => ({ a, b, depth: (p.depth[a]! + p.depth[b]!) / 2 }))
    .sort((u, v) => v.depth - u.depth);
  for (const { a, b } of bones) {
    const color = boneColor(skeleton, b, style);
    drawCapsule(canvas, [p.xy[a * 2]!, p.xy[a * 2 + 1]!, p.xy[b * 2]!, p.xy[b * 2 + 1]!], widthPx, color);
    drawDisc(canvas, p.xy[b * 2]!, p.xy[b * 2 + 1]!, widthPx * 1.5, color);
  }
}

function drawTimeline(
  canvas: Canvas,
  timeSec: number,
  beatsSec: readonly number[],
  fps: number,
  style: PreviewStyle,
): void {
  const h = Math.max(12, Math.round(canvas.height / 28));
  const y = canvas.height - h;
  const windowSec = 2;
  fillRect(canvas, [0, y, canvas.width, h], [0, 0, 0], 0.55);
  for (const beat of beatsSec) {
    const offset = beat - timeSec;
    if (Math.abs(offset) > windowSec) continue;
    const x = canvas.width / 2 + (offset / windowSec) * (canvas.width / 2);
    const onBeat = Math.abs(offset) < 0.5 / fps;
    fillRect(
      canvas,
      [x - (onBeat ? 2 : 1), y + (onBeat ? 0 : h / 3), onBeat ? 4 : 2, onBeat ? h : (2 * h) / 3],
      style.beat,
    );
  }
  fillRect(canvas, [canvas.width / 2, y, 1, h], style.text);
}

/** A renderer for `motion` at the given size. */
export function createPreviewRenderer(
  motion: PreviewMotion,
  options: PreviewRendererOptions,
): PreviewRenderer {
  const style: PreviewStyle = { ...defaultPreviewStyle, ...options.style };
  const { width, height } = options;
  const joints = motion.skeleton.joints.length;
  const widthPx = Math.max(3, (style.boneWidthPx * height) / 512);
  const p: Projected = { xy: new Float64Array(joints * 2), depth: new Float64Array(joints) };
  const out = new Float64Array(3);
  let project: (index: number) => void;
  let ground: ((canvas: Canvas, timeSec: number) => void) | undefined;
  if (motion.kind === "joints3d") {
    const camera =
      options.camera ??
      fitCamera(motion.positionsM, {
        width,
        height,
        ...(options.orbitDegPerSec !== undefined ? { orbitDegPerSec: options.orbitDegPerSec } : {}),
        ...(options.azimuthDeg !== undefined ? { azimuthDeg: options.azimuthDeg } : {}),
      });
    const pos = motion.positionsM;
    let minY = Infinity;
    for (let i = 1; i < pos.length; i += 3) if (pos[i]! < minY) minY = pos[i]!;
    const [cx, , cz] = camera.options.targetM;
    const grid = {
      y: Number.isFinite(minY) ? minY : 0,
      cx,
      cz,
      half: Math.ceil(camera.options.distanceM * 0.6 * 2) / 2,
    };
    let view = camera.at(0);
    ground = (canvas, timeSec) => {
      view = camera.at(timeSec);
      drawGrid(canvas, view, grid, style.grid);
    };
    project = (index) => {
      for (let j = 0; j < joints; j++) {
        const o = (index * joints + j) * 3;
        view.project(pos[o]!, pos[o + 1]!, pos[o + 2]!, out);
        p.xy[j * 2] = out[0]!;
        p.xy[j * 2 + 1] = out[1]!;
        p.depth[j] = out[2]! > 0.05 ? out[2]! : NaN;
      }
    };
  } else {
    const fit = letterbox(motion, width, height);
    const minScore = options.minScore ?? 0.2;
    const c = motion.channels;
    project = (index) => {
      for (let j = 0; j < joints; j++) {
        const o = (index * joints + j) * c;
        const x = motion.keypoints[o]!;
        const y = motion.keypoints[o + 1]!;
        const score = c >= 3 ? motion.keypoints[o + c - 1]! : 1;
        p.xy[j * 2] = fit.dx + x * fit.scale;
        p.xy[j * 2 + 1] = fit.dy + y * fit.scale;
        p.depth[j] = Number.isNaN(x) || Number.isNaN(y) || !(score >= minScore) ? NaN : 0;
      }
    };
  }
  const label = (index: number): string => `${index}/${motion.frames}`;
  const textScale = Math.max(1, Math.round(height / 256));
  return {
    width,
    height,
    fps: motion.fps,
    frames: motion.frames,
    renderFrame(index, canvas, background) {
      const timeSec = index / motion.fps;
      if (background !== undefined) canvas.data.set(background);
      else clearCanvas(canvas, style.background);
      ground?.(canvas, timeSec);
      project(index);
      drawSkeleton(canvas, motion.skeleton, p, style, widthPx);
      fillRect(canvas, [4, 4, textWidth(label(index), textScale) + 8, 7 * textScale + 8], [0, 0, 0], 0.45);
      drawText(canvas, label(index), [8, 8], textScale, style.text);
      if (options.beatsSec !== undefined) drawTimeline(canvas, timeSec, options.beatsSec, motion.fps, style);
    },
  };
}
