/**
 * `choreo pose FILE [--model movenet-lightning|movenet-thunder|blazepose-full|blazepose-heavy] [--fps N] [--workers N] --out F.json`:
 * 2D poses of the tracked person in an image or a video, written as
 * `{ model, fps, width, height, clipFlags, frames: [{ keypoints: [[x, y, score] × 17] | null, flags }] }`
 * (source pixels; `null` keypoints on frames without a person). Runs TF.js on the wasm (else cpu) backend.
 */
import { defineCommand, flagText, numberFlag, stringOptions } from "@choreo/core";
import { writeFile } from "node:fs/promises";
import { estimatePoses, poseEstimateJson, poseModelNames, type PoseModelName } from "@choreo/pose";

const usage =
  "choreo pose FILE [--model movenet-lightning|movenet-thunder|blazepose-full|blazepose-heavy] [--fps N] [--workers N] [--smooth] --out F.json";

function modelOption(value: unknown): PoseModelName {
  if (value === undefined) return "movenet-lightning";
  const model = poseModelNames.find((m) => m === value);
  if (model === undefined)
    throw new RangeError(
      `--model must be one of ${poseModelNames.join(", ")}, got ${flagText(value as string | undefined)}`,
    );
  return model;
}

export default defineCommand({
  words: ["pose"],
  usage,
  describe: "2D poses (COCO-17) of the tracked person in an image or a video, with quality flags",
  options: {
    ...stringOptions("model", "fps", "workers", "out"),
    smooth: { type: "boolean" },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const out = ctx.values["out"];
    let options;
    try {
      if (file === undefined || ctx.positionals.length > 1)
        throw new RangeError("expected exactly one image or video");
      if (typeof out !== "string") throw new RangeError("--out F.json is required");
      const fps = numberFlag(ctx.values["fps"], "fps", { positive: true });
      const workers = numberFlag(ctx.values["workers"], "workers", { positive: true });
      options = {
        model: modelOption(ctx.values["model"]),
        ...(fps !== undefined && { fps }),
        ...(workers !== undefined && { workers: Math.round(workers) }),
        ...(ctx.values["smooth"] === true && { smoothing: {} }),
      };
    } catch (err) {
      ctx.stderr.write(`${(err as Error).message}\nusage: ${usage}\n`);
      return 2;
    }
    const estimate = await estimatePoses(file, options);
    await writeFile(out, `${JSON.stringify(poseEstimateJson(estimate))}\n`);
    const empty = estimate.frameFlags.filter((f) => f.includes("no-person")).length;
    const flags = estimate.clipFlags.join(", ") || "none";
    ctx.stderr.write(
      `${estimate.frames} frame(s), ${empty} without a person, clip flags: ${flags} → ${out}\n`,
    );
    return 0;
  },
});
