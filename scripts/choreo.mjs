#!/usr/bin/env node
// `pnpm choreo <command> [args]`: builds the CLI and the packages it runs (turbo, cached: a no-op when nothing
// changed), then runs it. turbo's output goes to stderr only when the build fails, so stdout stays the CLI's.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const turbo = join(root, "node_modules", ".bin", "turbo");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
const build = spawnSync(turbo, ["run", "build", "--filter=@choreo/runner...", "--output-logs=errors-only"], {
  cwd: root,
  env,
  encoding: "utf8",
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}choreo: the build failed (pnpm build)\n`);
  process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [join(root, "apps/runner/dist/cli.js"), ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(run.status ?? (run.signal === "SIGINT" ? 130 : 1));
