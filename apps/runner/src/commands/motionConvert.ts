/**
 * `choreo motion convert IN --to joints24|smpl78|edge151|fact219 [--out F.npy|F.json] [--fps N]`: reads a
 * motion (EasyMocap JSON, AIST++ pkl, or a choreo .npy) and writes one representation as float32 — `.npy`
 * via ingest's `np.save`-compatible writer, `.json` or stdout as `{ "shape", "dtype", "data" }`. joints24
 * has shape (T, 24, 3); the others (T, D). Conversion between conventions happens inside @choreo/motion.
 */
import { writeFile } from "node:fs/promises";
import { encodeNpy, isIngestError } from "@choreo/ingest";
import {
  isMotionError,
  motionRepresentation,
  readMotion,
  representationNames,
  type RepresentationName,
} from "@choreo/motion";
import { defineCommand } from "../command.js";

const usage = "choreo motion convert IN --to joints24|smpl78|edge151|fact219 [--out F.npy|F.json] [--fps N]";

function isRepresentation(value: unknown): value is RepresentationName {
  return typeof value === "string" && (representationNames as readonly string[]).includes(value);
}

export default defineCommand({
  words: ["motion", "convert"],
  usage,
  describe: "Convert SMPL motion (EasyMocap JSON, AIST++ pkl, .npy) to joints24, smpl78, edge151 or fact219",
  options: { to: { type: "string" }, out: { type: "string" }, fps: { type: "string" } },
  async run(ctx) {
    const input = ctx.positionals[0];
    const to = ctx.values["to"];
    const out = ctx.values["out"];
    const fpsText = ctx.values["fps"];
    const fps = typeof fpsText === "string" ? Number(fpsText) : undefined;
    if (
      input === undefined ||
      ctx.positionals.length > 1 ||
      !isRepresentation(to) ||
      (fps !== undefined && !(fps > 0))
    ) {
      ctx.stderr.write(
        `expected one input file, --to ${representationNames.join("|")} and a positive --fps\nusage: ${usage}\n`,
      );
      return 2;
    }
    try {
      const motion = await readMotion(input, fps === undefined ? {} : { fps });
      const rep = motionRepresentation(motion, to);
      const shape = to === "joints24" ? [rep.frames, 24, 3] : [rep.frames, rep.dims];
      const data = Float32Array.from(rep.data);
      if (typeof out === "string" && out.toLowerCase().endsWith(".npy")) {
        await writeFile(out, encodeNpy({ dtype: "float32", shape, data }));
        return 0;
      }
      const json = JSON.stringify({ shape, dtype: "float32", data: Array.from(data) });
      if (typeof out === "string") await writeFile(out, json);
      else ctx.stdout.write(`${json}\n`);
      return 0;
    } catch (err) {
      if (!isMotionError(err) && !isIngestError(err)) throw err;
      ctx.stderr.write(`${err._tag}: ${err.message}\n`);
      return 1;
    }
  },
});
