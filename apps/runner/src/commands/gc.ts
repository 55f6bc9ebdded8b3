/**
 * `choreo gc`: removes what no ref reaches and, over `--max-size`, the least recently used refs' data.
 */
import { collectGarbage, parseSize } from "@choreo/core";
import { openConfiguredStore } from "@choreo/recipes";
import { collectRemoteGarbage, openProbed } from "@choreo/cluster";
import { defineCommand } from "../command.js";
import { sessionFlags } from "../session.js";

export default defineCommand({
  words: ["gc"],
  usage: "choreo gc [--cache DIR] [--max-size 10G] [--store URL] [--json]",
  describe: "collect garbage in the cache",
  options: {
    cache: { type: "string" },
    config: { type: "string" },
    "max-size": { type: "string" },
    store: { type: "string" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const url = ctx.values.store as string | undefined;
    if (url !== undefined) {
      // A shared store: keep what its refs reach, delete the rest (run it while no cluster build runs).
      const remote = await openProbed(url, { env: process.env, cwd: process.cwd() });
      const r = await collectRemoteGarbage(remote).finally(() => remote.close());
      ctx.stdout.write(
        ctx.values.json === true
          ? `${JSON.stringify(r)}\n`
          : `kept ${r.keptRefs} refs; removed ${r.removedBlobs} blobs (${(r.freedBytes / 1e6).toFixed(1)} MB) and ${r.removedActions} action entries\n`,
      );
      return 0;
    }
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
