// Updates the stages.lock.json of the package in the current folder, over every stage its src/ defines:
// `tsx packages/core/scripts/updateStageLock.ts [--same-output ID...]` (the package's `pnpm stages:lock`).
// A stage whose code changed at the same version is refused unless named with --same-output (its bytes do not change).
import { join } from "node:path";
import { packageStageFingerprints, readStageLock, updateStageLock, writeStageLock } from "../src/index.js";

const args = process.argv.slice(2);
const at = args.indexOf("--same-output");
if ((at < 0 && args.length > 0) || at > 0) {
  console.error("usage: updateStageLock.ts [--same-output STAGE...]   (run in the package's folder)");
  process.exit(2);
}
const sameOutput = at >= 0 ? args.slice(at + 1) : [];
const lockPath = join(process.cwd(), "stages.lock.json");
const { lock, refused } = updateStageLock(
  readStageLock(lockPath),
  packageStageFingerprints(process.cwd()),
  sameOutput,
);
writeStageLock(lockPath, lock);
for (const id of refused)
  console.error(`${id}: code changed at the same version; bump its version, or pass --same-output ${id}`);
process.exit(refused.length > 0 ? 1 : 0);
