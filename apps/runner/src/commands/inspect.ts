/**
 * `choreo inspect FILE|DIR`: what a file holds (shapes, dtypes, durations), from `describeFile` of
 * @choreo/dataset (dataset folders, safetensors, pickles, .npy, LRC, WAV, JSON, any media).
 */
import { existsSync, statSync } from "node:fs";
import { assertRegularFile, defineCommand } from "@choreo/core";
import { describeFile } from "@choreo/dataset";

export default defineCommand({
  words: ["inspect"],
  usage: "choreo inspect FILE|DIR [--verify]",
  describe: "show what a file or dataset holds",
  options: { verify: { type: "boolean" } },
  async run(ctx) {
    const path = ctx.positionals[0];
    if (path === undefined) {
      ctx.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    if (!existsSync(path)) {
      ctx.stderr.write(`[runner] ${path}: no such file\n`);
      return 1;
    }
    // A FIFO, socket or device would block or never end: refused before anything opens it.
    if (!statSync(path).isDirectory()) assertRegularFile(path);
    ctx.stdout.write(`${await describeFile(path, { verify: ctx.values.verify === true })}\n`);
    return 0;
  },
});
