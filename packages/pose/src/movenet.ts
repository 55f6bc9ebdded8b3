/**
 * MoveNet SinglePose (lightning 192², thunder 256²) run directly as a TF.js graph model: the crop region
 * is cut and resized bilinearly (black outside the frame, as the reference `crop_and_resize`), fed as int32
 * RGB, and the [1, 1, 17, 3] (y, x, score) output is mapped back to frame pixels. Tracking (which crop to
 * use) lives in `tracking.ts`; this module estimates one crop and nothing else.
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadPoseGraphModel } from "./backendModels.js";
import type { CropRegion, FrameEstimate, FramePoseModel, RgbFrame } from "./estimateTypes.js";
import { initialCropRegion, nextCropRegion } from "./tracking.js";

export type MoveNetVariant = "movenet-lightning" | "movenet-thunder";

const inputSizes: Record<MoveNetVariant, number> = { "movenet-lightning": 192, "movenet-thunder": 256 };

/** The frame as a [1, h, w, 3] int32 tensor (the caller disposes it). */
export function frameTensor(frame: RgbFrame): tf.Tensor4D {
  return tf.tensor4d(Int32Array.from(frame.data), [1, frame.height, frame.width, 3], "int32");
}

/** Cuts `crop` out of the frame tensor and resizes it to size × size (float32, 0..255). */
export function cropTensor(image: tf.Tensor4D, crop: CropRegion, size: number): tf.Tensor4D {
  return tf.image.cropAndResize(
    image,
    [[crop.yMin, crop.xMin, crop.yMax, crop.xMax]],
    [0],
    [size, size],
    "bilinear",
    0,
  );
}

/** Loads a MoveNet variant (once per thread). */
export async function createMoveNet(variant: MoveNetVariant): Promise<FramePoseModel> {
  const model = await loadPoseGraphModel(variant);
  const size = inputSizes[variant];
  return {
    name: variant,
    async estimate(frame: RgbFrame, crop: CropRegion | undefined): Promise<FrameEstimate> {
      const region = crop ?? initialCropRegion(frame.width, frame.height);
      const output = tf.tidy(() => {
        const image = frameTensor(frame);
        const input = tf.cast(cropTensor(image, region, size), "int32");
        return model.execute(input) as tf.Tensor;
      });
      const raw = await output.data<"float32">();
      output.dispose();
      const coco17 = new Float32Array(51);
      const cropH = (region.yMax - region.yMin) * frame.height;
      const cropW = (region.xMax - region.xMin) * frame.width;
      let total = 0;
      for (let j = 0; j < 17; j++) {
        const y = raw[j * 3] ?? 0;
        const x = raw[j * 3 + 1] ?? 0;
        const s = raw[j * 3 + 2] ?? 0;
        coco17[j * 3] = region.xMin * frame.width + x * cropW;
        coco17[j * 3 + 1] = region.yMin * frame.height + y * cropH;
        coco17[j * 3 + 2] = s;
        total += s;
      }
      return { coco17, poseScore: total / 17, nextCrop: nextCropRegion(coco17, frame.width, frame.height) };
    },
  };
}
