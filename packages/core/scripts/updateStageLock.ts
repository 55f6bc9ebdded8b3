// Updates a package's stages.lock.json: `tsx --conditions=@choreo/source packages/core/scripts/updateStageLock.ts LOCK MODULE... [--same-output ID...]`.
// A stage whose code changed at the same version is refused unless named with --same-output (its bytes do not change).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readStageLock, stageFingerprints, updateStageLock, writeStageLock } from "../src/index.js";

const args = process.argv.slice(2);
const at = args.indexOf("--same-output");
const sameOutput = at >= 0 ? args.slice(at + 1) : [];
const [lockPath, ...modules] = at >= 0 ? args.slice(0, at) : args;
if (lockPath === undefined || modules.length === 0) {
  console.error("usage: updateStageLock.ts LOCK MODULE... [--same-output STAGE...]");
  process.exit(2);
}
const current = {};
for (const m of modules) Object.assign(current, await stageFingerprints(pathToFileURL(resolve(m)).href));
const { lock, refused } = updateStageLock(readStageLock(lockPath), current, sameOutput);
writeStageLock(lockPath, lock);
for (const id of refused) console.error(`${id}: code changed at the same version; bump its version, or pass --same-output ${id}`);
process.exit(refused.length > 0 ? 1 : 0);
