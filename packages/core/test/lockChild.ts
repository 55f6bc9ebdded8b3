// A separate process for the store-lock tests: `gc ROOT PAUSE_MS` runs a slowed gc; `build ROOT HOLD_MS`
// holds the store as a build does (shared), runs one action, writes its ref and exits. Exit 3 on StoreBusy.
import { setTimeout as sleep } from "node:timers/promises";
import { Build, collectGarbage, markBuilding, openStore, writeRef } from "../src/index.js";
import { makeNumbers } from "./fixtureStages.js";

const [mode, root, ms] = process.argv.slice(2) as [string, string, string];
const store = openStore(root, { durable: false });
try {
  if (mode === "gc") {
    collectGarbage(store, { pauseMs: Number(ms) });
  } else {
    const unmark = markBuilding(store);
    const b = new Build({ store });
    await b.run(makeNumbers, { item: "child", params: { count: 50 }, inputs: {} });
    await sleep(Number(ms));
    writeRef(root, { dataset: "child", tag: "latest", recipe: "test", actions: b.summary().actions });
    unmark();
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit((error as { _tag?: string })._tag === "StoreBusy" ? 3 : 1);
}
