/**
 * The tracking loop over a run of frames, shared by the in-thread path and the pose workers: each frame is
 * estimated in the crop the previous frame chose (the first frame of a run searches the whole frame), and
 * an image is refined by re-estimating it in its own crop. Results are packed into flat typed arrays
 * (NaN where the model found nobody) so they cross threads without copying.
 */
import { createBlazePose } from "./blazepose.js";
import type { CropRegion, FramePoseModel, PoseModelName, RgbFrame } from "./estimateTypes.js";
import { createMoveNet } from "./movenet.js";

/** Flat per-frame results of a run: (T, 17, 3) COCO-17, and BlazePose's (T, 33, 4) and (T, 33, 3). */
export interface SequenceEstimate {
  readonly frames: number;
  readonly coco17: Float32Array;
  readonly blazepose33: Float32Array | undefined;
  readonly world33: Float32Array | undefined;
}

/** Loads a pose model by name (once per thread). */
export function createFramePoseModel(name: PoseModelName): Promise<FramePoseModel> {
  return name === "blazepose-full" || name === "blazepose-heavy"
    ? createBlazePose(name)
    : createMoveNet(name);
}

/**
 * Estimates `frames` in order, tracking one person. The first `warmupFrames` only prime the tracker and are
 * left out of the result; `passes` > 1 re-estimates each frame in its own refined crop (still images).
 */
export async function estimateSequence(
  model: FramePoseModel,
  frames: Iterable<RgbFrame>,
  options: { count: number; warmupFrames?: number; passes?: number },
): Promise<SequenceEstimate> {
  const warmup = options.warmupFrames ?? 0;
  const count = options.count - warmup;
  const withBlaze = model.name === "blazepose-full" || model.name === "blazepose-heavy";
  const coco17 = new Float32Array(count * 51).fill(NaN);
  const blazepose33 = withBlaze ? new Float32Array(count * 132).fill(NaN) : undefined;
  const world33 = withBlaze ? new Float32Array(count * 99).fill(NaN) : undefined;
  let crop: CropRegion | undefined;
  let t = -warmup;
  for (const frame of frames) {
    let estimate;
    for (let pass = 0; pass < (options.passes ?? 1); pass++) {
      estimate = await model.estimate(frame, crop);
      crop = estimate?.nextCrop;
    }
    if (t >= 0 && estimate !== undefined) {
      coco17.set(estimate.coco17, t * 51);
      if (estimate.blazepose33 !== undefined) blazepose33?.set(estimate.blazepose33, t * 132);
      if (estimate.world33 !== undefined) world33?.set(estimate.world33, t * 99);
    }
    t++;
    // TF.js awaits resolve as microtasks: without a macrotask turn per frame, SIGINT/SIGTERM handlers would
    // wait for the whole chunk.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { frames: count, coco17, blazepose33, world33 };
}

/** Views `count` consecutive frames packed in one buffer as frames. */
export function* packedFrames(
  buffer: Uint8Array,
  shape: { width: number; height: number; count: number },
): Generator<RgbFrame> {
  const bytes = shape.width * shape.height * 3;
  for (let i = 0; i < shape.count; i++) {
    yield { width: shape.width, height: shape.height, data: buffer.subarray(i * bytes, (i + 1) * bytes) };
  }
}
