/**
 * The BlazePose person detector (224² SSD, 2254 anchors) as in `@tensorflow-models/pose-detection`'s
 * blazepose_tfjs (constants `BLAZEPOSE_DETECTOR_ANCHOR_CONFIGURATION`, `..._TENSORS_TO_DETECTION_CONFIGURATION`):
 * input letterboxed to a square and scaled to [-1, 1]; the best detection's two alignment keypoints (hip
 * centre, full-body circle point) give the landmark model's region, scaled 1.25×. Only the best person is
 * kept (single-person tracking) and the region's rotation is not applied (upright crops).
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadPoseGraphModel } from "./backendModels.js";
import type { CropRegion, RgbFrame } from "./estimateTypes.js";
import { cropTensor, frameTensor } from "./movenet.js";
import { initialCropRegion } from "./tracking.js";

const inputSize = 224;
const minScore = 0.5;
const roiScale = 1.25;

/** Anchor centres (fixed size 1), in the detector's output order. */
function createAnchors(): Float32Array {
  const strides = [8, 16, 32, 32, 32];
  const centres: number[] = [];
  let layer = 0;
  while (layer < strides.length) {
    let count = 0;
    let last = layer;
    while (last < strides.length && strides[last] === strides[layer]) {
      count += 2;
      last++;
    }
    const cells = Math.ceil(inputSize / strides[layer]!);
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++)
        for (let a = 0; a < count; a++) centres.push((x + 0.5) / cells, (y + 0.5) / cells);
    layer = last;
  }
  return Float32Array.from(centres);
}

/** A square region (in frame-normalised coordinates) around a centre and a radius, both in pixels. */
export function regionAround(
  cx: number,
  cy: number,
  radiusPx: number,
  frame: { width: number; height: number },
): CropRegion {
  const half = radiusPx * roiScale;
  return {
    yMin: (cy - half) / frame.height,
    xMin: (cx - half) / frame.width,
    yMax: (cy + half) / frame.height,
    xMax: (cx + half) / frame.width,
  };
}

export interface PersonDetector {
  /** The landmark region of the most confident person, or undefined when nobody scores ≥ 0.5. */
  detect(frame: RgbFrame): Promise<{ region: CropRegion; score: number } | undefined>;
}

/** Loads the BlazePose detector (once per thread). */
export async function createPersonDetector(): Promise<PersonDetector> {
  const model = await loadPoseGraphModel("blazepose-detector");
  const anchors = createAnchors();
  return {
    async detect(frame) {
      const letterbox = initialCropRegion(frame.width, frame.height);
      const output = tf.tidy(() => {
        const input = tf.sub(tf.div(cropTensor(frameTensor(frame), letterbox, inputSize), 127.5), 1);
        return model.execute(input) as tf.Tensor;
      });
      const raw = await output.data<"float32">();
      output.dispose();
      let best = -1;
      let bestLogit = -Infinity;
      for (let i = 0; i < anchors.length / 2; i++) {
        const logit = raw[i * 13] ?? -Infinity;
        if (logit > bestLogit) [best, bestLogit] = [i, logit];
      }
      const score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, bestLogit))));
      if (best < 0 || score < minScore) return undefined;
      // keypoint k of a detection: raw[1 + 4 + 2k] (x), raw[1 + 5 + 2k] (y), in 224-pixel units from the anchor
      const at = (k: number, axis: 0 | 1): number =>
        (raw[best * 13 + 5 + 2 * k + axis] ?? 0) / inputSize + (anchors[best * 2 + axis] ?? 0);
      const side = letterbox.xMax - letterbox.xMin;
      const sideY = letterbox.yMax - letterbox.yMin;
      const toX = (u: number): number => (letterbox.xMin + u * side) * frame.width;
      const toY = (v: number): number => (letterbox.yMin + v * sideY) * frame.height;
      const [cx, cy] = [toX(at(0, 0)), toY(at(0, 1))];
      const radius = Math.hypot(toX(at(1, 0)) - cx, toY(at(1, 1)) - cy);
      return { region: regionAround(cx, cy, radius, frame), score };
    },
  };
}
