/**
 * `choreo lrc slice FILE.lrc [--length 6] [--offset SEC]`: prints the `sliced.json` JustLMD's `2_SLICE.py`
 * writes for these lyrics, byte for byte (4-space indent, UTF-8, no final newline). `--offset` shifts every
 * line first (timestamps are then re-written as `mm:ss.fff`). Nothing is written to disk.
 */
import { defineCommand, describeCause, numberFlag } from "@choreo/core";
import { autoSlice, formatSlicedJson, isIngestError, readLrc } from "@choreo/ingest";

export default defineCommand({
  words: ["lrc", "slice"],
  usage: "choreo lrc slice FILE.lrc [--length 6] [--offset SEC]",
  describe: "Print JustLMD's sliced.json for an LRC file (groups of lines > length seconds apart)",
  options: {
    length: { type: "string" },
    offset: { type: "string" },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    let lengthSec: number;
    let offsetSec: number;
    try {
      if (file === undefined || ctx.positionals.length > 1)
        throw new RangeError("expected exactly one LRC file");
      lengthSec = numberFlag(ctx.values["length"], "length", { positive: true }) ?? 6;
      offsetSec = numberFlag(ctx.values["offset"], "offset") ?? 0;
    } catch (err) {
      ctx.stderr.write(
        `${(err as Error).message}\nusage: choreo lrc slice FILE.lrc [--length 6] [--offset SEC]\n`,
      );
      return 2;
    }
    try {
      const lines = await readLrc(file, { offsetSec });
      ctx.stdout.write(formatSlicedJson(autoSlice(lines, { sequenceLengthSec: lengthSec })));
      return 0;
    } catch (err) {
      if (!isIngestError(err)) throw err;
      ctx.stderr.write(`${describeCause(err)}\n`);
      return 1;
    }
  },
});
