/**
 * `choreo export bvh IN [--item ID] [--fps N] [--order ZXY|ZYX|XYZ|XZY|YXZ|YZX] [--unit cm|m] --out F.bvh`:
 * SMPL motion as BVH for animation tools (`@choreo/render`'s `formatBvh`): the SMPL-24 hierarchy with EDGE's
 * rest offsets, root translation and Euler rotations at the source frame rate. IN is EasyMocap JSON, a `choreo sample` output, an AIST++
 * motion pkl, a choreo .npy, or a dataset folder / shard with `--item`; inputs without rotations (2D keypoints,
 * joints24 dataset tensors) are refused.
 */
import { isIngestError } from "@choreo/ingest";
import { isMotionError } from "@choreo/motion";
import { EulerOrderSchema, isRenderError, readRenderInput, UnsupportedRenderInput, writeBvh } from "@choreo/render";
import { defineCommand } from "../command.js";

const usage = "choreo export bvh IN [--item ID] [--fps N] [--order ZXY|ZYX|XYZ|XZY|YXZ|YZX] [--unit cm|m] --out F.bvh";

export default defineCommand({
  words: ["export", "bvh"],
  usage,
  describe: "Export SMPL motion (EasyMocap JSON, AIST++ pkl, .npy, dataset item) as BVH",
  options: { item: { type: "string" }, fps: { type: "string" }, order: { type: "string" }, unit: { type: "string" }, out: { type: "string" } },
  async run(ctx) {
    const str = (k: string): string | undefined => (typeof ctx.values[k] === "string" ? (ctx.values[k]) : undefined);
    const input = ctx.positionals[0];
    const out = str("out");
    const fps = str("fps") === undefined ? undefined : Number(str("fps"));
    const order = EulerOrderSchema.safeParse(str("order") ?? "ZXY");
    const unit = str("unit") ?? "cm";
    if (input === undefined || ctx.positionals.length > 1 || out === undefined || !order.success || (unit !== "cm" && unit !== "m") || (fps !== undefined && !(fps > 0))) {
      ctx.stderr.write(`expected one input, --out F.bvh, --order one of ${EulerOrderSchema.options.join("|")}, --unit cm|m\nusage: ${usage}\n`);
      return 2;
    }
    try {
      const item = str("item");
      const source = await readRenderInput(input, { ...(fps !== undefined ? { fps } : {}), ...(item !== undefined ? { item } : {}) });
      if (source.smpl === undefined) throw new UnsupportedRenderInput(input, "has joint positions or keypoints but no SMPL rotations to export");
      await writeBvh(out, source.smpl, { eulerOrder: order.data, unit });
      ctx.stderr.write(`${out}: ${source.smpl.frames} frames at ${source.smpl.fps} fps, ${order.data}, ${unit}\n`);
      return 0;
    } catch (err) {
      if (!isRenderError(err) && !isMotionError(err) && !isIngestError(err)) throw err;
      ctx.stderr.write(`${err._tag}: ${err.message}\n`);
      return 1;
    }
  },
});
