/**
 * `choreo gc`: removes what no ref reaches and, over `--max-size`, the least recently used refs' data.
 */
import { collectGarbage, openStore } from "@choreo/core";
import { defineCommand } from "../command.js";
import { loadConfig, resolveCacheDir } from "../config.js";

const units: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Parses sizes like `500M`, `10G`, `1024`. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  if (m === null) throw new Error(`[runner] cannot read size ${text} (use e.g. 500M, 10G)`);
  return Math.floor(Number(m[1]) * units[m[2]!.toUpperCase()]!);
}

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
    const { config } = loadConfig(ctx.values.config as string | undefined, process.cwd());
    const store = openStore(
      resolveCacheDir(ctx.values.cache as string | undefined, config, process.env, process.cwd()),
    );
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
