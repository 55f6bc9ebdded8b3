/**
 * Fixed-length windows over a sequence: start frames at a stride, only whole windows (a tail shorter than
 * the window is dropped, as EDGE's slicer does). Frame counts, not seconds, so windows of different
 * modalities at one fps line up exactly.
 */

export interface WindowPlan {
  readonly startFrame: number;
  readonly frames: number;
}

/** Windows of `windowSec` every `strideSec` over `totalFrames` frames at `fps`. */
export function planWindows(options: {
  totalFrames: number;
  fps: number;
  windowSec: number;
  strideSec: number;
}): WindowPlan[] {
  const frames = Math.round(options.windowSec * options.fps);
  const stride = Math.round(options.strideSec * options.fps);
  if (frames <= 0 || stride <= 0)
    throw new RangeError(`[dataset] window ${frames} and stride ${stride} frames must be positive`);
  const out: WindowPlan[] = [];
  for (let start = 0; start + frames <= options.totalFrames; start += stride)
    out.push({ startFrame: start, frames });
  return out;
}
