/**
 * `choreo verify [--repair] [DIR]`: with DIR, checks a dataset folder against its manifest (shard sizes and
 * digests); without, checks every blob and action entry of the cache. `--repair` (cache only) moves bad blobs
 * to quarantine/ and drops the entries that point at them, so the next build reruns exactly those actions.
 * Exit 0 when everything checks out (or was repaired), 1 when something is wrong, 2 on misuse.
 */
import { resolve } from "node:path";
import { type CommandContext, defineCommand, formatStoreVerification, verifyStore } from "@choreo/core";
import { verifyDataset, type DatasetVerification } from "@choreo/dataset";
import { openConfiguredStore } from "@choreo/recipes";
import { sessionFlags } from "../session.js";

function datasetLines(v: DatasetVerification): string {
  const rows = v.shards.map(
    (s) =>
      `  ${s.problem === undefined ? "ok     " : "BAD    "} ${s.split} ${s.file}${s.problem === undefined ? (s.hashed ? "" : " (size only)") : `: ${s.problem} (manifest: ${s.bytes} bytes, ${s.digest})`}`,
  );
  return [
    `dataset ${v.dir}: ${v.ok ? "ok" : "DAMAGED (rebuild it with choreo build-dataset)"}`,
    ...rows,
    "",
  ].join("\n");
}

async function verifyFolder(ctx: CommandContext, dir: string): Promise<number> {
  const v = await verifyDataset(resolve(process.cwd(), dir));
  if (ctx.values.json === true) ctx.stdout.write(`${JSON.stringify(v)}\n`);
  else ctx.stdout.write(datasetLines(v));
  return v.ok ? 0 : 1;
}

export default defineCommand({
  words: ["verify"],
  usage: "choreo verify [--repair] [DIR] [--cache DIR] [--json]",
  describe: "check the cache (or a dataset folder) against its digests; --repair quarantines bad blobs",
  options: {
    cache: { type: "string" },
    config: { type: "string" },
    repair: { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const repair = ctx.values.repair === true;
    const [dir, ...extra] = ctx.positionals;
    if (extra.length > 0 || (dir !== undefined && repair)) {
      ctx.stderr.write(
        "[runner] verify takes one dataset folder and no --repair with it (a dataset is rebuilt, not repaired)\nusage: choreo verify [--repair] [DIR] [--cache DIR] [--json]\n",
      );
      return 2;
    }
    if (dir !== undefined) return verifyFolder(ctx, dir);
    const store = openConfiguredStore(sessionFlags(ctx), process.cwd(), process.env);
    const v = verifyStore(store, { repair });
    if (ctx.values.json === true) ctx.stdout.write(`${JSON.stringify({ cache: store.root, ...v })}\n`);
    else ctx.stdout.write(formatStoreVerification(store.root, v));
    return v.badBlobs.length + v.brokenActions.length === 0 || repair ? 0 : 1;
  },
});
