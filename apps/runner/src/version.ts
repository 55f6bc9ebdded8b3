/** choreo's version, from the runner's package.json (it enters manifests, not action keys). */
import { readFileSync } from "node:fs";

export const choreoVersion: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
