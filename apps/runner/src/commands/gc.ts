/**
 * `choreo gc`: removes what no ref reaches and, over `--max-size`, the least recently used refs' data.
 */
import { collectGarbage, defineCommand, parseSize } from "@choreo/core";
import { openConfiguredStore } from "@choreo/recipes";
import { sessionFlags } from "../session.js";

export default defineCommand({
  words: ["gc"],
  usage: "choreo gc [--cache DIR] [--max-size 10G] [--json]",
  describe: "collect garbage in the cache",
  options: {
    cache: { type: "string" },
    config: { type: "string" },
    "max-size": { type: "string" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const store = openConfiguredStore(sessionFlags(ctx), process.cwd(), process.env);
    const max = ctx.values["max-size"] as string | undefined;
    // gc holds the store exclusively: StoreBusy (exit 1) during a build, and no build starts while it runs.
    const result = collectGarbage(store, max === undefined ? {} : { maxBytes: parseSize(max) });
    if (ctx.values.json === true) ctx.stdout.write(`${JSON.stringify(result)}\n`);
    else
      ctx.stdout.write(
        `kept ${result.keptRefs} refs (${(result.keptBytes / 1e6).toFixed(1)} MB), dropped ${result.droppedRefs}; removed ${result.removedBlobs} blobs (${(result.freedBytes / 1e6).toFixed(1)} MB) and ${result.removedActions} action entries\n`,
      );
    return 0;
  },
});
