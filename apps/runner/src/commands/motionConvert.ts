/**
 * `choreo motion convert IN --to joints24|smpl78|edge151|fact219 [--out F.npy|F.json] [--fps N]`: reads a
 * motion (EasyMocap JSON, AIST++ pkl, or a choreo .npy) and writes one representation as float32 — `.npy`
 * via ingest's `np.save`-compatible writer, `.json` or stdout as `{ "shape", "dtype", "data" }`. joints24
 * has shape (T, 24, 3); the others (T, D). Conversion between conventions happens inside @choreo/motion.
 */
import { defineCommand, stringFlag, stringOptions } from "@choreo/core";
import { writeFile } from "node:fs/promises";
import { encodeNpy } from "@choreo/ingest";
import {
  motionRepresentation,
  readMotion,
  representationNames,
  type RepresentationName,
} from "@choreo/motion";

const usage = "choreo motion convert IN --to joints24|smpl78|edge151|fact219 [--out F.npy|F.json] [--fps N]";

function isRepresentation(value: unknown): value is RepresentationName {
  return typeof value === "string" && (representationNames as readonly string[]).includes(value);
}

export default defineCommand({
  words: ["motion", "convert"],
  usage,
  describe: "Convert SMPL motion (EasyMocap JSON, AIST++ pkl, .npy) to joints24, smpl78, edge151 or fact219",
  options: stringOptions("to", "out", "fps"),
  async run(ctx) {
    const input = ctx.positionals[0];
    const [to, out, fpsText] = [ctx.values.to, stringFlag(ctx.values, "out"), stringFlag(ctx.values, "fps")];
    const fps = fpsText === undefined ? undefined : Number(fpsText);
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
    const rep = motionRepresentation(await readMotion(input, fps === undefined ? {} : { fps }), to);
    const shape = to === "joints24" ? [rep.frames, 24, 3] : [rep.frames, rep.dims];
    const data = Float32Array.from(rep.data);
    const json = JSON.stringify({ shape, dtype: "float32", data: Array.from(data) });
    if (out === undefined) ctx.stdout.write(`${json}\n`);
    else
      await writeFile(
        out,
        out.toLowerCase().endsWith(".npy") ? encodeNpy({ dtype: "float32", shape, data }) : json,
      );
    return 0;
  },
});
