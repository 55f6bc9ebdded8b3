/**
 * `choreo export bvh IN [--item ID] [--fps N] [--order ZXY|ZYX|XYZ|XZY|YXZ|YZX] [--unit cm|m] --out F.bvh`:
 * SMPL motion as BVH for animation tools (`@choreo/render`'s `formatBvh`): the SMPL-24 hierarchy with EDGE's
 * rest offsets, root translation and Euler rotations at the source frame rate. IN is EasyMocap JSON, a `choreo sample` output, an AIST++
 * motion pkl, a choreo .npy, or a dataset folder / shard with `--item`; inputs without rotations (2D keypoints,
 * joints24 dataset tensors) are refused.
 */
import { defineCommand, stringFlag, stringOptions } from "@choreo/core";
import { EulerOrderSchema, readRenderInput, UnsupportedRenderInput, writeBvh } from "@choreo/render";

const usage =
  "choreo export bvh IN [--item ID] [--fps N] [--order ZXY|ZYX|XYZ|XZY|YXZ|YZX] [--unit cm|m] --out F.bvh";

export default defineCommand({
  words: ["export", "bvh"],
  usage,
  describe: "Export SMPL motion (EasyMocap JSON, AIST++ pkl, .npy, dataset item) as BVH",
  options: stringOptions("item", "fps", "order", "unit", "out"),
  async run(ctx) {
    const str = (k: string): string | undefined => stringFlag(ctx.values, k);
    const input = ctx.positionals[0];
    const out = str("out");
    const fps = str("fps") === undefined ? undefined : Number(str("fps"));
    const order = EulerOrderSchema.safeParse(str("order") ?? "ZXY");
    const unit = str("unit") ?? "cm";
    const badNumber = fps !== undefined && !(fps > 0);
    if (
      input === undefined ||
      ctx.positionals.length > 1 ||
      out === undefined ||
      !order.success ||
      (unit !== "cm" && unit !== "m") ||
      badNumber
    ) {
      ctx.stderr.write(
        `expected one input, --out F.bvh, --order one of ${EulerOrderSchema.options.join("|")}, --unit cm|m\nusage: ${usage}\n`,
      );
      return 2;
    }
    const item = str("item");
    const source = await readRenderInput(input, {
      ...(fps !== undefined ? { fps } : {}),
      ...(item !== undefined ? { item } : {}),
    });
    const smpl = source.smpl;
    if (smpl === undefined) {
      throw new UnsupportedRenderInput(
        input,
        "has joint positions or keypoints but no SMPL rotations to export",
      );
    }
    await writeBvh(out, smpl, { eulerOrder: order.data, unit });
    ctx.stderr.write(`${out}: ${smpl.frames} frames at ${smpl.fps} fps, ${order.data}, ${unit}\n`);
    return 0;
  },
});
